import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TRetirementSubjectKind } from "@/lib/validation/retirements";

export type TRetirementSubject = {
  kind: TRetirementSubjectKind;
  id: string;
  name: string;
  /** For people: `flow "orders-to-crm"`, `interface "Orders" (SAP → Salesforce)`. */
  label: string;
  /** The flows whose traffic proves the subject is still called: the flow, or those implementing the interface. */
  flowIds: string[];
  isRetired: boolean;
};

/** The flow or interface a retirement is about, with the flows whose inbound traffic counts. */
export async function loadSubject(tx: Tx, kind: TRetirementSubjectKind, id: string): Promise<TRetirementSubject> {
  if (kind === "flow") {
    const flow = await tx.flow.findUnique({ where: { id }, select: { id: true, name: true, archivedAt: true } });
    if (!flow)
      throw new AppError("NOT_FOUND", "That flow does not exist.", { fieldErrors: { subjectId: ["Choose a flow."] } });
    return {
      kind,
      id,
      name: flow.name,
      label: `flow "${flow.name}"`,
      flowIds: [flow.id],
      isRetired: flow.archivedAt !== null,
    };
  }
  const iface = await tx.interface.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      retiredAt: true,
      sourceSystem: { select: { name: true } },
      targetSystem: { select: { name: true } },
      flows: { select: { id: true } },
    },
  });
  if (!iface)
    throw new AppError("NOT_FOUND", "That interface does not exist.", {
      fieldErrors: { subjectId: ["Choose an interface."] },
    });
  return {
    kind,
    id,
    name: iface.name,
    label: `interface "${iface.name}" (${iface.sourceSystem.name} → ${iface.targetSystem.name})`,
    flowIds: iface.flows.map((f) => f.id),
    isRetired: iface.retiredAt !== null,
  };
}

/** The accountable owners (user ids) of the subject's flows, from their catalog entries. */
export async function subjectOwnerIds(tx: Tx, subject: TRetirementSubject): Promise<string[]> {
  if (!subject.flowIds.length) return [];
  const entries = await tx.catalogEntry.findMany({
    where: { kind: "flow", key: { in: subject.flowIds }, ownerId: { not: null } },
    select: { ownerId: true },
  });
  return entries.map((e) => e.ownerId!).filter(Boolean);
}
