// Builds the catalog graph from plain rows (pure, so it is unit-tested and the bench can time it apart
// from the reads). Declared edges come from inventory interfaces and flow specs, observed ones from the
// engine's ObservedDependency rows; an endpoint no system declares stays a dangling dependency of its
// flow (shown on the flow's entry, and as an unidentified caller in the reconciliation), never a node.
import {
  nodeId,
  type TCatalogEdge,
  type TCatalogGraph,
  type TCatalogLifecycle,
  type TCatalogNode,
  type TEdgeSource,
  type TNodeId,
  type TNodeKind,
} from "@/lib/catalog/graph-types";
import { declaredEndpoints, queueKey } from "./declared-endpoints";
import { systemMatcher } from "./system-matcher";

export type TSystemSource = {
  id: string;
  name: string;
  lifecycle: string;
  criticality: string;
  endpoints: string[];
  callerIds: string[];
};
export type TInterfaceSource = {
  id: string;
  name: string;
  sourceSystemId: string;
  targetSystemId: string;
  direction: string;
};
export type TFlowSource = {
  id: string;
  name: string;
  owner: string;
  interfaceId: string | null;
  createdAt?: Date;
  /** The latest version's spec first, then versions deployed somewhere. */
  specs: unknown[];
};
export type TObservedSource = {
  flowId: string;
  environmentKey: string;
  direction: "inbound" | "outbound";
  endpointKind: string;
  endpoint: string;
  caller: string;
  messages: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
};
export type TEntrySource = {
  kind: TNodeKind;
  key: string;
  ownerId: string | null;
  ownerName: string;
  lifecycle: TCatalogLifecycle;
  tier: number;
};

export type TGraphSources = {
  systems: TSystemSource[];
  interfaces: TInterfaceSource[];
  flows: TFlowSource[];
  observed: TObservedSource[];
  entries: TEntrySource[];
  /** User id → display name, for owners recorded by id. */
  userNames?: Map<string, string>;
  /** Where postgres components without a connection string write: the engine's own database. */
  engineDatabaseUrl?: string;
};

/** One thing a flow reads from or writes to, declared in its spec or observed, matched or not. */
export type TFlowDependency = {
  flowId: string;
  direction: "inbound" | "outbound";
  source: TEdgeSource;
  endpointKind: string;
  endpoint: string;
  /** Who called the flow's HTTP input (observed only). */
  caller: string;
  /** The system or queue at the other end; null when no system declares the endpoint or caller. */
  nodeId: TNodeId | null;
  via: string;
  messages?: number;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  environments?: string[];
};

export type TInterfaceRef = TInterfaceSource & { flowIds: string[] };

export type TLoadedCatalog = TCatalogGraph & {
  dependencies: TFlowDependency[];
  interfaces: TInterfaceRef[];
  /** Systems' declared endpoints and caller ids, for matching and for the reconciliation. */
  systems: TSystemSource[];
};

const SYSTEM_LIFECYCLE: Record<string, TCatalogLifecycle> = {
  plan: "experimental",
  phase_in: "experimental",
  active: "production",
  phase_out: "deprecated",
  end_of_life: "retired",
};
const CRITICALITY_TIER: Record<string, number> = { mission_critical: 1, high: 2, medium: 3, low: 3 };

/** Observed rows of one dependency in several environments count as one, with their sum and latest time. */
type TMergedObserved = TObservedSource & { environments: string[] };
function mergeObserved(rows: TObservedSource[]): TMergedObserved[] {
  const merged = new Map<string, TMergedObserved>();
  for (const r of rows) {
    const key = [r.flowId, r.direction, r.endpointKind, r.endpoint, r.caller].join("\u0000");
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { ...r, environments: [r.environmentKey] });
      continue;
    }
    m.messages += r.messages;
    if (r.lastSeenAt > m.lastSeenAt) m.lastSeenAt = r.lastSeenAt;
    if (r.firstSeenAt < m.firstSeenAt) m.firstSeenAt = r.firstSeenAt;
    if (!m.environments.includes(r.environmentKey)) m.environments.push(r.environmentKey);
  }
  return [...merged.values()];
}

export function buildCatalogGraph(src: TGraphSources): TLoadedCatalog {
  const entries = new Map(src.entries.map((e) => [nodeId(e.kind, e.key), e]));
  const match = systemMatcher(src.systems);
  const nodes = new Map<TNodeId, TCatalogNode>();
  const edges: TCatalogEdge[] = [];
  const dependencies: TFlowDependency[] = [];

  const addNode = (kind: TNodeKind, key: string, name: string, fallback: Partial<TCatalogNode>): TNodeId => {
    const id = nodeId(kind, key);
    if (nodes.has(id)) return id;
    const entry = entries.get(id);
    const ownerId = entry?.ownerId ?? null;
    nodes.set(id, {
      id,
      kind,
      key,
      name,
      lifecycle: entry?.lifecycle ?? fallback.lifecycle ?? "production",
      ownerId,
      ownerName: entry?.ownerName || (ownerId ? src.userNames?.get(ownerId) : undefined) || fallback.ownerName || "",
      tier: entry?.tier ?? fallback.tier ?? 3,
    });
    return id;
  };
  const queueNode = (endpoint: string) => {
    const key = queueKey(endpoint);
    return addNode("queue", key, key, {});
  };

  for (const s of src.systems)
    addNode("system", s.id, s.name, {
      lifecycle: SYSTEM_LIFECYCLE[s.lifecycle] ?? "production",
      tier: CRITICALITY_TIER[s.criticality] ?? 3,
    });
  for (const f of src.flows) addNode("flow", f.id, f.name, { ownerName: f.owner });

  const interfaces = new Map<string, TInterfaceRef>();
  for (const i of src.interfaces) {
    const from = nodeId("system", i.sourceSystemId);
    const to = nodeId("system", i.targetSystemId);
    if (!nodes.has(from) || !nodes.has(to)) continue;
    interfaces.set(i.id, { ...i, flowIds: [] });
    const via = `interface ${i.name}`;
    edges.push({ from, to, source: "declared", via, interfaceId: i.id });
    if (i.direction === "two_way") edges.push({ from: to, to: from, source: "declared", via, interfaceId: i.id });
  }

  // The engine records an enrich_http call as outbound; the spec says it is a lookup (the flow reads).
  const lookups = new Map<string, { prefixes: string[]; outputs: Set<string> }>();
  const isLookup = (flowId: string, endpoint: string) => {
    const l = lookups.get(flowId);
    return Boolean(
      l && !l.outputs.has(endpoint) && l.prefixes.some((p) => endpoint === p || endpoint.startsWith(`${p}/`)),
    );
  };
  for (const f of src.flows) {
    const flow = nodeId("flow", f.id);
    const iface = f.interfaceId ? interfaces.get(f.interfaceId) : undefined;
    const specEndpoints = f.specs.flatMap((spec) => declaredEndpoints(spec, src.engineDatabaseUrl));
    lookups.set(f.id, {
      prefixes: specEndpoints.filter((e) => e.isLookup).map((e) => e.endpoint),
      outputs: new Set(specEndpoints.filter((e) => e.direction === "outbound").map((e) => e.endpoint)),
    });
    if (iface) {
      iface.flowIds.push(f.id);
      const via = `implements interface ${iface.name}`;
      const source = nodeId("system", iface.sourceSystemId);
      const target = nodeId("system", iface.targetSystemId);
      edges.push({ from: source, to: flow, source: "declared", via, interfaceId: iface.id });
      edges.push({ from: flow, to: target, source: "declared", via, interfaceId: iface.id });
      // The source calls the flow's HTTP input, so it fails when the flow is down.
      if (iface.direction === "two_way" || specEndpoints.some((e) => e.isCallable))
        edges.push({ from: flow, to: source, source: "declared", via, interfaceId: iface.id });
      if (iface.direction === "two_way")
        edges.push({ from: target, to: flow, source: "declared", via, interfaceId: iface.id });
    }
    const seen = new Set<string>();
    for (const e of specEndpoints) {
      const key = `${e.direction} ${e.endpointKind} ${e.endpoint} ${e.via}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let other: TNodeId | null = null;
      if (e.endpointKind === "queue") other = queueNode(e.endpoint);
      else if (e.endpointKind === "http" && !e.isCallable) {
        const system = match.byEndpoint(e.endpoint);
        other = system ? nodeId("system", system.id) : null;
      }
      // Who calls an HTTP input is not in the spec (other stays null): the interface or the traffic says.
      dependencies.push({ flowId: f.id, ...pickDep(e), source: "declared", caller: "", nodeId: other });
      if (!other) continue;
      if (e.direction === "inbound") edges.push({ from: other, to: flow, source: "declared", via: e.via });
      else edges.push({ from: flow, to: other, source: "declared", via: e.via });
    }
  }

  for (const o of mergeObserved(src.observed)) {
    const flow = nodeId("flow", o.flowId);
    if (!nodes.has(flow)) continue;
    const stats = { lastSeenAt: o.lastSeenAt, messages: o.messages };
    let other: TNodeId | null = null;
    let via: string;
    const direction =
      o.direction === "outbound" && o.endpointKind === "http" && isLookup(o.flowId, o.endpoint)
        ? "inbound"
        : o.direction;
    if (direction === "inbound" && o.caller) {
      const system = match.byCaller(o.caller);
      other = system ? nodeId("system", system.id) : null;
      via = `observed: calls ${o.endpoint}`;
      if (other) {
        edges.push({ from: other, to: flow, source: "observed", via, ...stats });
        edges.push({
          from: flow,
          to: other,
          source: "observed",
          via: `observed: ${o.caller} calls its input`,
          ...stats,
        });
      }
    } else {
      if (o.endpointKind === "queue") other = queueNode(o.endpoint);
      else if (o.endpointKind === "http") {
        const system = match.byEndpoint(o.endpoint);
        other = system ? nodeId("system", system.id) : null;
      }
      via =
        direction !== o.direction
          ? `observed: looks up ${o.endpoint}`
          : direction === "inbound"
            ? `observed: reads ${o.endpoint}`
            : `observed: writes to ${o.endpoint}`;
      if (other) {
        if (direction === "inbound") edges.push({ from: other, to: flow, source: "observed", via, ...stats });
        else edges.push({ from: flow, to: other, source: "observed", via, ...stats });
      }
    }
    dependencies.push({
      flowId: o.flowId,
      direction,
      source: "observed",
      endpointKind: o.endpointKind,
      endpoint: o.endpoint,
      caller: o.caller,
      nodeId: other,
      via,
      messages: o.messages,
      firstSeenAt: o.firstSeenAt,
      lastSeenAt: o.lastSeenAt,
      environments: o.environments,
    });
  }

  return {
    nodes: [...nodes.values()],
    edges,
    dependencies,
    interfaces: [...interfaces.values()],
    systems: src.systems,
  };
}

const pickDep = (e: ReturnType<typeof declaredEndpoints>[number]) => ({
  direction: e.direction,
  endpointKind: e.endpointKind,
  endpoint: e.endpoint,
  via: e.via,
});
