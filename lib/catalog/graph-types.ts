// The catalog's dependency graph: systems, flows, queues and APIs, with the edges people declared
// (inventory interfaces, flow specs) and the ones the engine observed in traffic. Pure types, shared by
// the services, the CLI, the graph page and the CAB's risk score.

export type TNodeKind = "system" | "flow" | "queue" | "api";
export const NODE_KINDS: readonly TNodeKind[] = ["system", "flow", "queue", "api"];

export type TCatalogLifecycle = "experimental" | "production" | "deprecated" | "retired";

/** `${kind}:${key}`: a system's or flow's id, a queue's name. */
export type TNodeId = `${TNodeKind}:${string}`;

export type TCatalogNode = {
  id: TNodeId;
  kind: TNodeKind;
  key: string;
  name: string;
  lifecycle: TCatalogLifecycle;
  ownerId: string | null;
  ownerName: string;
  tier: number;
};

export type TEdgeSource = "declared" | "observed";

/**
 * `to` depends on `from`: when `from` is down, changed or retired, `to` is affected. Data runs from a
 * flow's source to the flow and from the flow to its targets; a caller of a flow's HTTP input also
 * depends on the flow, so that pair carries an edge each way.
 */
export type TCatalogEdge = {
  from: TNodeId;
  to: TNodeId;
  source: TEdgeSource;
  /** For people: "interface Orders → CRM", "http output crm", "observed: calls /flows/x/prod". */
  via: string;
  lastSeenAt?: Date;
  messages?: number;
  /** The inventory interface this edge comes from, when it does. */
  interfaceId?: string;
};

export type TCatalogGraph = { nodes: TCatalogNode[]; edges: TCatalogEdge[] };

export const nodeId = (kind: TNodeKind, key: string): TNodeId => `${kind}:${key}`;

export function parseNodeId(id: string): { kind: TNodeKind; key: string } | null {
  const at = id.indexOf(":");
  if (at < 1) return null;
  const kind = id.slice(0, at) as TNodeKind;
  const key = id.slice(at + 1);
  return NODE_KINDS.includes(kind) && key ? { kind, key } : null;
}
