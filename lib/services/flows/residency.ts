import "server-only";
import type { Prisma, Tx } from "@/lib/db";

/** The inventory interface a flow implements, with the architecture decision residency is judged by. */
export type FlowInterfaceLink = {
  id: string;
  name: string;
  source: string;
  target: string;
  /** The interface's current decision (accepted, not superseded), if one was recorded. */
  decision: { id: string; number: number; title: string; legalBasis: string; residencyFlagged: boolean } | null;
};

/**
 * A decision is current while it is accepted and not superseded; recording a new one supersedes the
 * previous, so there is one per interface (the newest wins should two ever race).
 */
export const CURRENT_DECISION = {
  status: "accepted",
  supersededAt: null,
} as const satisfies Prisma.ArchitectureDecisionWhereInput;

/** Flows whose linked interface's current decision flags EU personal data leaving the EU without a legal basis. */
export const RESIDENCY_FLAGGED: Prisma.FlowWhereInput = {
  interface: { architectureDecisions: { some: { ...CURRENT_DECISION, residencyFlagged: true } } },
};

export const interfaceLinkInclude = {
  sourceSystem: { select: { name: true } },
  targetSystem: { select: { name: true } },
  architectureDecisions: {
    where: CURRENT_DECISION,
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { id: true, number: true, title: true, legalBasis: true, residencyFlagged: true },
  },
} as const satisfies Prisma.InterfaceInclude;

type InterfaceLinkRecord = Prisma.InterfaceGetPayload<{ include: typeof interfaceLinkInclude }>;

export function toInterfaceLink(i: InterfaceLinkRecord): FlowInterfaceLink {
  return {
    id: i.id,
    name: i.name,
    source: i.sourceSystem.name,
    target: i.targetSystem.name,
    decision: i.architectureDecisions[0] ?? null,
  };
}

export const isResidencyFlagged = (link: FlowInterfaceLink | null): boolean =>
  Boolean(link?.decision?.residencyFlagged);

/** The interface linked to a flow, read inside the caller's transaction (deploy checks it before writing). */
export async function flowInterfaceLinkTx(tx: Tx, flowId: string): Promise<FlowInterfaceLink | null> {
  const flow = await tx.flow.findUnique({
    where: { id: flowId },
    select: { interface: { include: interfaceLinkInclude } },
  });
  return flow?.interface ? toInterfaceLink(flow.interface) : null;
}
