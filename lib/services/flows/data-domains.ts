import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZSetFlowDataDomains, type TDataClassification } from "@/lib/validation/data-domains";
import { appendAudit } from "../audit";

export type FlowDataDomainRow = {
  id: string;
  key: string;
  name: string;
  classification: TDataClassification;
  owner: string | null;
};

/** The data domains a flow carries, with their classification and accountable owner. */
export async function listFlowDataDomains(actor: Actor, flowId: string): Promise<FlowDataDomainRow[]> {
  assertCan(actor, "flow:read");
  const links = await db().flowDataDomain.findMany({
    where: { flowId },
    select: {
      dataDomain: {
        select: {
          id: true,
          key: true,
          name: true,
          classification: true,
          ownership: { select: { ownerId: true } },
        },
      },
    },
    orderBy: { dataDomain: { name: "asc" } },
  });
  const ownerIds = links.map((l) => l.dataDomain.ownership?.ownerId).filter((v): v is string => Boolean(v));
  const owners = ownerIds.length
    ? new Map(
        (await db().user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } })).map((u) => [
          u.id,
          u.name,
        ]),
      )
    : new Map<string, string>();
  return links.map(({ dataDomain: d }) => ({
    id: d.id,
    key: d.key,
    name: d.name,
    classification: d.classification,
    owner: d.ownership?.ownerId ? (owners.get(d.ownership.ownerId) ?? "(removed user)") : null,
  }));
}

/** Every data domain, for the flow page's picker. */
export async function dataDomainOptions(
  actor: Actor,
): Promise<{ id: string; name: string; classification: TDataClassification }[]> {
  assertCan(actor, "flow:read");
  return db().dataDomain.findMany({
    select: { id: true, name: true, classification: true },
    orderBy: { name: "asc" },
  });
}

/**
 * Replaces the set of data domains a flow carries. The CAB risk score reads their classification and
 * the engine's attestation gate reads their owners, so the change is audited with both sets.
 */
export async function setFlowDataDomains(actor: Actor, raw: unknown): Promise<{ flowId: string; count: number }> {
  assertCan(actor, "flow:edit");
  const input = ZSetFlowDataDomains.parse(raw);
  const wanted = [...new Set(input.dataDomainIds)];
  return transaction(async (tx) => {
    const flow = await tx.flow.findUnique({ where: { id: input.flowId }, select: { id: true, name: true } });
    if (!flow) throw new AppError("NOT_FOUND", "That flow no longer exists.");
    const domains = await tx.dataDomain.findMany({ where: { id: { in: wanted } }, select: { id: true, key: true } });
    if (domains.length !== wanted.length)
      throw new AppError("VALIDATION", "One of the data domains no longer exists; reload the page.", {
        fieldErrors: { dataDomainIds: ["One of the data domains no longer exists; reload the page."] },
      });
    const before = await tx.flowDataDomain.findMany({
      where: { flowId: flow.id },
      select: { dataDomain: { select: { key: true } } },
    });
    await tx.flowDataDomain.deleteMany({ where: { flowId: flow.id, dataDomainId: { notIn: wanted } } });
    await tx.flowDataDomain.createMany({
      data: wanted.map((dataDomainId) => ({ flowId: flow.id, dataDomainId })),
      skipDuplicates: true,
    });
    await appendAudit(tx, {
      actor,
      action: "flow.data_domains.set",
      entityType: "Flow",
      entityId: flow.id,
      before: { dataDomains: before.map((b) => b.dataDomain.key).sort() },
      after: { dataDomains: domains.map((d) => d.key).sort() },
    });
    return { flowId: flow.id, count: wanted.length };
  });
}
