import "server-only";
import { nodeId, type TEdgeSource, type TNodeId, type TNodeKind } from "@/lib/catalog/graph-types";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TFlowDependency, TLoadedCatalog } from "./build-graph";
import { catalogNode } from "./describe-impact";
import { loadCatalogGraph } from "./load-graph";

export type TConsumer = {
  name: string;
  /** A catalog node's kind, "caller" for an identity no system declares, "endpoint" for an unmatched URL/table. */
  kind: TNodeKind | "caller" | "endpoint";
  nodeId?: TNodeId;
  source: TEdgeSource;
  detail: string;
  lastSeenAt?: Date;
  ownerId?: string;
};
export type TConsumerSubject = { kind: "flow" | "interface"; id: string };

const count = (n: number) => `${n.toLocaleString("en-US")} message${n === 1 ? "" : "s"}`;

function observedDetail(verb: string, d: TFlowDependency): string {
  const where = d.environments?.length ? ` in ${d.environments.join(", ")}` : "";
  return `${verb} ${d.endpoint}${where}, ${count(d.messages ?? 0)}`;
}

class ConsumerList {
  private readonly byKey = new Map<string, TConsumer>();
  constructor(private readonly graph: TLoadedCatalog) {}

  add(
    node: TNodeId | null,
    fallbackName: string,
    fallbackKind: TConsumer["kind"],
    c: Omit<TConsumer, "name" | "kind">,
  ) {
    const known = node ? catalogNode(this.graph, node) : undefined;
    const key = `${c.source} ${known?.id ?? `${fallbackKind}:${fallbackName}`}`;
    const prev = this.byKey.get(key);
    if (prev) {
      if (!prev.detail.includes(c.detail)) prev.detail = `${prev.detail}; ${c.detail}`;
      if (c.lastSeenAt && (!prev.lastSeenAt || c.lastSeenAt > prev.lastSeenAt)) prev.lastSeenAt = c.lastSeenAt;
      return;
    }
    this.byKey.set(key, {
      name: known?.name ?? fallbackName,
      kind: known?.kind ?? fallbackKind,
      ...(known ? { nodeId: known.id } : {}),
      ...c,
      ...(known?.ownerId ? { ownerId: known.ownerId } : {}),
    });
  }

  list(): TConsumer[] {
    return [...this.byKey.values()].sort(
      (a, b) => a.source.localeCompare(b.source) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    );
  }
}

function addFlowConsumers(graph: TLoadedCatalog, list: ConsumerList, flowId: string): void {
  const flow = catalogNode(graph, nodeId("flow", flowId));
  const own = graph.dependencies.filter((d) => d.flowId === flowId);
  const iface = graph.interfaces.find((i) => i.flowIds.includes(flowId));
  if (iface) {
    if (own.some((d) => d.source === "declared" && d.direction === "inbound" && d.via === "http input"))
      list.add(nodeId("system", iface.sourceSystemId), iface.sourceSystemId, "system", {
        source: "declared",
        detail: `source of interface ${iface.name}: calls the flow's HTTP input`,
      });
    list.add(nodeId("system", iface.targetSystemId), iface.targetSystemId, "system", {
      source: "declared",
      detail: `target of interface ${iface.name}`,
    });
  }
  for (const d of own) {
    if (d.direction === "inbound" && d.caller) {
      list.add(d.nodeId, d.caller, "caller", {
        source: d.source,
        detail: observedDetail(`${d.caller} calls`, d),
        ...(d.lastSeenAt ? { lastSeenAt: d.lastSeenAt } : {}),
      });
      continue;
    }
    if (d.direction !== "outbound") continue;
    const detail = d.source === "observed" ? observedDetail("receives at", d) : `${d.via} writes to ${d.endpoint}`;
    list.add(d.nodeId, d.endpoint, d.nodeId ? "queue" : "endpoint", {
      source: d.source,
      detail,
      ...(d.lastSeenAt ? { lastSeenAt: d.lastSeenAt } : {}),
    });
    // Flows reading a queue this flow writes to consume its messages too.
    if (d.endpointKind !== "queue" || !d.nodeId) continue;
    for (const reader of graph.dependencies) {
      if (reader.direction !== "inbound" || reader.nodeId !== d.nodeId || reader.flowId === flowId) continue;
      list.add(nodeId("flow", reader.flowId), reader.flowId, "flow", {
        source: reader.source,
        detail: `reads queue ${d.endpoint}${flow ? ` that ${flow.name} writes to` : ""}`,
        ...(reader.lastSeenAt ? { lastSeenAt: reader.lastSeenAt } : {}),
      });
    }
  }
}

/**
 * Who depends on a flow or an inventory interface, declared and observed, for deprecation notices and
 * the retirement's traffic proof. A flow's consumers are the callers of its input and the targets it
 * writes to; an interface's are its target system, the flows implementing it and their consumers.
 */
export async function consumersOf(tx: Tx, subject: TConsumerSubject, graph?: TLoadedCatalog): Promise<TConsumer[]> {
  const g = graph ?? (await loadCatalogGraph(tx));
  const list = new ConsumerList(g);
  if (subject.kind === "flow") {
    if (!catalogNode(g, nodeId("flow", subject.id))) throw new AppError("NOT_FOUND", "That flow does not exist.");
    addFlowConsumers(g, list, subject.id);
    return list.list();
  }
  const iface = g.interfaces.find((i) => i.id === subject.id);
  if (!iface) throw new AppError("NOT_FOUND", "That interface does not exist or is retired.");
  list.add(nodeId("system", iface.targetSystemId), iface.targetSystemId, "system", {
    source: "declared",
    detail: `target of interface ${iface.name}`,
  });
  if (iface.direction === "two_way")
    list.add(nodeId("system", iface.sourceSystemId), iface.sourceSystemId, "system", {
      source: "declared",
      detail: `two-way interface ${iface.name}: receives too`,
    });
  for (const flowId of iface.flowIds) {
    list.add(nodeId("flow", flowId), flowId, "flow", {
      source: "declared",
      detail: `implements interface ${iface.name}`,
    });
    addFlowConsumers(g, list, flowId);
  }
  return list.list();
}
