import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import type { TCatalogLifecycle, TEdgeSource, TNodeId, TNodeKind } from "@/lib/catalog/graph-types";
import { db } from "@/lib/db";
import { loadCatalogGraph } from "./load-graph";

export type TGraphViewNode = { id: TNodeId; kind: TNodeKind; name: string; lifecycle: TCatalogLifecycle; tier: number };
/** Parallel edges (declared and observed, several labels) merged into one per direction. */
export type TGraphViewEdge = { id: string; from: TNodeId; to: TNodeId; sources: TEdgeSource[]; via: string };
export type TGraphView = { nodes: TGraphViewNode[]; edges: TGraphViewEdge[] };

/** The whole catalog graph for the impact graph page, small enough to send as it is. */
export async function getCatalogGraphView(actor: Actor): Promise<TGraphView> {
  assertCan(actor, "catalog:read");
  const graph = await loadCatalogGraph(db());
  const edges = new Map<string, TGraphViewEdge>();
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    const id = `${e.from}>${e.to}`;
    const edge = edges.get(id);
    if (!edge) edges.set(id, { id, from: e.from, to: e.to, sources: [e.source], via: e.via });
    else {
      if (!edge.sources.includes(e.source)) edge.sources.push(e.source);
      if (!edge.via.split("; ").includes(e.via)) edge.via = `${edge.via}; ${e.via}`;
    }
  }
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, lifecycle: n.lifecycle, tier: n.tier })),
    edges: [...edges.values()],
  };
}
