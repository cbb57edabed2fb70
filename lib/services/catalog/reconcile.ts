// The reconciliation between what the inventory declares and what the engine observed. Pure: the
// service reads the graph and a few facts, this decides the flags.
import { nodeId, type TNodeId } from "@/lib/catalog/graph-types";
import type { TFlowDependency, TFlowSource, TLoadedCatalog } from "./build-graph";
import { catalogNode } from "./describe-impact";

const DAY = 86_400_000;

export type TSystemRef = { id: string; name: string };
export type TFlowFacts = { id: string; createdAt: Date; inputKind: string; payloadFormat: string | null };

/** An observed path source system → flow → target system that no interface accounts for. */
export type TUndocumentedFlag = {
  flowId: string;
  flowName: string;
  source: TSystemRef;
  target: TSystemRef;
  /** Messages delivered to the target, and when last. */
  messages: number;
  lastSeenAt: Date;
  /** Why: no interface at all between the two systems, or only ones other flows implement. */
  reason: "no_interface" | "implemented_by_other_flows";
  suggestion: {
    name: string;
    mechanism: "api" | "queue";
    payloadFormat: string;
    frequency: "real_time";
    volumePerMonth: number;
  };
};

/** A declared interface implemented by a flow, or seen in traffic, whose last traffic is too old. */
export type TPossiblyDeadFlag = {
  interfaceId: string;
  name: string;
  source: TSystemRef;
  target: TSystemRef;
  flows: { id: string; name: string }[];
  lastSeenAt: Date | null;
  /** Days since the last traffic (or since the oldest implementing flow was created, when none ever). */
  quietDays: number;
};

export type TUnidentifiedCaller = {
  caller: string;
  flows: { id: string; name: string; endpoint: string }[];
  messages: number;
  lastSeenAt: Date;
  environments: string[];
};

export type TReconciliation = {
  undocumented: TUndocumentedFlag[];
  possiblyDead: TPossiblyDeadFlag[];
  unidentifiedCallers: TUnidentifiedCaller[];
  deadAfterDays: number;
};

const PAYLOAD_FORMAT: Record<string, string> = {
  json: "json",
  xml: "xml",
  csv: "csv",
  x12: "edi_x12",
  edifact: "edifact",
};

/**
 * What the reconciliation needs to know of a flow: its input's kind and what it delivers. The last
 * serialize step sets the format on the wire; without one the HTTP output posts the body as JSON.
 */
export function flowFacts(flow: TFlowSource): TFlowFacts {
  const spec = (flow.specs[0] ?? {}) as {
    input?: { use?: unknown };
    steps?: { use?: unknown; config?: { format?: unknown } }[];
  };
  const serialize = (Array.isArray(spec.steps) ? spec.steps : []).filter((s) => s?.use === "serialize").pop();
  const format = typeof serialize?.config?.format === "string" ? PAYLOAD_FORMAT[serialize.config.format] : undefined;
  return {
    id: flow.id,
    createdAt: flow.createdAt ?? new Date(0),
    inputKind: typeof spec.input?.use === "string" ? spec.input.use : "",
    payloadFormat: format ?? "json",
  };
}

/** Observed messages per month, from the rate between the first and last sighting (at least a day). */
export function monthlyVolume(messages: number, firstSeenAt: Date, lastSeenAt: Date): number {
  const span = Math.max(DAY, lastSeenAt.getTime() - firstSeenAt.getTime());
  return Math.min(1_000_000_000, Math.round((messages / span) * 30 * DAY));
}

function systemRef(graph: TLoadedCatalog, id: TNodeId): TSystemRef {
  return { id: id.slice("system:".length), name: catalogNode(graph, id)?.name ?? id };
}

/** The observed system at the far end of a flow dependency; null when unmatched or not a system. */
const systemOf = (d: TFlowDependency): TNodeId | null => (d.nodeId?.startsWith("system:") ? d.nodeId : null);

function undocumentedPaths(graph: TLoadedCatalog, facts: Map<string, TFlowFacts>): TUndocumentedFlag[] {
  const flags: TUndocumentedFlag[] = [];
  const observedByFlow = new Map<string, TFlowDependency[]>();
  for (const d of graph.dependencies)
    if (d.source === "observed") observedByFlow.set(d.flowId, [...(observedByFlow.get(d.flowId) ?? []), d]);
  for (const [flowId, deps] of observedByFlow) {
    const flow = catalogNode(graph, nodeId("flow", flowId));
    if (!flow) continue;
    const sources = new Set(
      deps
        .filter((d) => d.direction === "inbound")
        .map(systemOf)
        .filter(Boolean) as TNodeId[],
    );
    const targets = deps.filter((d) => d.direction === "outbound" && systemOf(d));
    for (const source of sources) {
      const byTarget = new Map<TNodeId, TFlowDependency[]>();
      for (const t of targets)
        if (t.nodeId !== source) byTarget.set(t.nodeId!, [...(byTarget.get(t.nodeId!) ?? []), t]);
      for (const [target, rows] of byTarget) {
        const s = source.slice("system:".length);
        const t = target.slice("system:".length);
        const between = graph.interfaces.filter(
          (i) =>
            (i.sourceSystemId === s && i.targetSystemId === t) ||
            (i.direction === "two_way" && i.sourceSystemId === t && i.targetSystemId === s),
        );
        // An interface documents this path if this flow implements it, or no flow claims it yet.
        if (between.some((i) => i.flowIds.includes(flowId) || i.flowIds.length === 0)) continue;
        const messages = rows.reduce((a, r) => a + (r.messages ?? 0), 0);
        const first = rows.reduce(
          (a, r) => (r.firstSeenAt && r.firstSeenAt < a ? r.firstSeenAt : a),
          new Date(8.64e15),
        );
        const last = rows.reduce((a, r) => (r.lastSeenAt && r.lastSeenAt > a ? r.lastSeenAt : a), new Date(0));
        const f = facts.get(flowId);
        flags.push({
          flowId,
          flowName: flow.name,
          source: systemRef(graph, source),
          target: systemRef(graph, target),
          messages,
          lastSeenAt: last,
          reason: between.length ? "implemented_by_other_flows" : "no_interface",
          suggestion: {
            name: flow.name,
            mechanism: f?.inputKind === "queue" ? "queue" : "api",
            payloadFormat: f?.payloadFormat ?? "json",
            frequency: "real_time",
            volumePerMonth: monthlyVolume(messages, first, last),
          },
        });
      }
    }
  }
  return flags.sort((a, b) => a.flowName.localeCompare(b.flowName) || a.target.name.localeCompare(b.target.name));
}

function possiblyDead(
  graph: TLoadedCatalog,
  facts: Map<string, TFlowFacts>,
  now: Date,
  deadAfterDays: number,
): TPossiblyDeadFlag[] {
  // Last traffic per flow, and per observed system pair (an interface no flow implements may still carry it).
  const flowLast = new Map<string, Date>();
  const pairLast = new Map<string, Date>();
  const later = (a: Date | undefined, b: Date) => (a && a > b ? a : b);
  const byFlow = new Map<string, TFlowDependency[]>();
  for (const d of graph.dependencies) {
    if (d.source !== "observed" || !d.lastSeenAt) continue;
    flowLast.set(d.flowId, later(flowLast.get(d.flowId), d.lastSeenAt));
    byFlow.set(d.flowId, [...(byFlow.get(d.flowId) ?? []), d]);
  }
  for (const deps of byFlow.values())
    for (const i of deps.filter((d) => d.direction === "inbound" && systemOf(d)))
      for (const o of deps.filter((d) => d.direction === "outbound" && systemOf(d))) {
        const key = `${i.nodeId}>${o.nodeId}`;
        pairLast.set(key, later(pairLast.get(key), o.lastSeenAt! < i.lastSeenAt! ? o.lastSeenAt! : i.lastSeenAt!));
      }
  const cutoff = now.getTime() - deadAfterDays * DAY;
  const flags: TPossiblyDeadFlag[] = [];
  for (const iface of graph.interfaces) {
    const s = nodeId("system", iface.sourceSystemId);
    const t = nodeId("system", iface.targetSystemId);
    const seen = [
      ...iface.flowIds.map((id) => flowLast.get(id)),
      pairLast.get(`${s}>${t}`),
      iface.direction === "two_way" ? pairLast.get(`${t}>${s}`) : undefined,
    ].filter((d): d is Date => Boolean(d));
    const lastSeenAt = seen.length ? new Date(Math.max(...seen.map((d) => d.getTime()))) : null;
    if (!lastSeenAt && !iface.flowIds.length) continue; // never carried by anything the engine runs
    const since =
      lastSeenAt ??
      new Date(Math.min(...iface.flowIds.map((id) => facts.get(id)?.createdAt.getTime() ?? now.getTime())));
    if (since.getTime() > cutoff) continue;
    flags.push({
      interfaceId: iface.id,
      name: iface.name,
      source: systemRef(graph, s),
      target: systemRef(graph, t),
      flows: iface.flowIds.map((id) => ({ id, name: catalogNode(graph, nodeId("flow", id))?.name ?? id })),
      lastSeenAt,
      quietDays: Math.floor((now.getTime() - since.getTime()) / DAY),
    });
  }
  return flags.sort((a, b) => b.quietDays - a.quietDays || a.name.localeCompare(b.name));
}

function unidentifiedCallers(graph: TLoadedCatalog): TUnidentifiedCaller[] {
  const byCaller = new Map<string, TUnidentifiedCaller>();
  for (const d of graph.dependencies) {
    if (d.source !== "observed" || d.direction !== "inbound" || !d.caller || d.nodeId) continue;
    const key = d.caller.toLowerCase();
    const entry = byCaller.get(key) ?? {
      caller: d.caller,
      flows: [],
      messages: 0,
      lastSeenAt: new Date(0),
      environments: [],
    };
    entry.flows.push({
      id: d.flowId,
      name: catalogNode(graph, nodeId("flow", d.flowId))?.name ?? d.flowId,
      endpoint: d.endpoint,
    });
    entry.messages += d.messages ?? 0;
    if (d.lastSeenAt && d.lastSeenAt > entry.lastSeenAt) entry.lastSeenAt = d.lastSeenAt;
    for (const env of d.environments ?? []) if (!entry.environments.includes(env)) entry.environments.push(env);
    byCaller.set(key, entry);
  }
  return [...byCaller.values()].sort((a, b) => b.messages - a.messages || a.caller.localeCompare(b.caller));
}

export function reconcile(
  graph: TLoadedCatalog,
  flows: TFlowFacts[],
  now: Date,
  deadAfterDays: number,
): TReconciliation {
  const facts = new Map(flows.map((f) => [f.id, f]));
  return {
    undocumented: undocumentedPaths(graph, facts),
    possiblyDead: possiblyDead(graph, facts, now, deadAfterDays),
    unidentifiedCallers: unidentifiedCallers(graph),
    deadAfterDays,
  };
}
