// Pure helpers of the impact graph page: the layout input, a quick first placement, highlighting.
import type { TNodeId } from "@/lib/catalog/graph-types";
import { buildAdjacency, transitiveDependents, type TAdjacency, type TDependent } from "@/lib/catalog/impact";
import {
  LAYOUT_NODE_HEIGHT,
  LAYOUT_NODE_WIDTH,
  layoutInputOf,
  type TLayoutInput,
  type TPositions,
} from "@/lib/catalog/graph-layout";
import type { TGraphView } from "@/lib/services/catalog";

export const layoutInput = (graph: TGraphView): TLayoutInput => layoutInputOf(graph.nodes, graph.edges);

/**
 * Columns by breadth-first distance from the nodes nothing feeds, in linear time: what the page shows
 * at once, before elkjs's layout arrives from the worker.
 */
export function quickPositions(input: TLayoutInput): TPositions {
  const incoming = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of input.edges) {
    incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  }
  const layer = new Map<string, number>();
  let frontier = input.nodes.map((n) => n.id).filter((id) => !incoming.get(id));
  if (!frontier.length && input.nodes.length) frontier = [input.nodes[0]!.id];
  for (let depth = 0; frontier.length; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (layer.has(id)) continue;
      layer.set(id, depth);
      for (const to of out.get(id) ?? []) if (!layer.has(to)) next.push(to);
    }
    frontier = next;
  }
  const rows = new Map<number, number>();
  const positions: TPositions = {};
  for (const n of input.nodes) {
    const col = layer.get(n.id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    positions[n.id] = { x: col * (LAYOUT_NODE_WIDTH + 90), y: row * (LAYOUT_NODE_HEIGHT + 16) };
  }
  return positions;
}

export type THighlight = { selected: TNodeId; dependents: Map<TNodeId, TDependent> } | null;

export function highlightOf(adjacency: TAdjacency, selected: TNodeId | null): THighlight {
  if (!selected) return null;
  return { selected, dependents: new Map(transitiveDependents(adjacency, selected).map((d) => [d.nodeId, d])) };
}

export const adjacencyOf = (graph: TGraphView): TAdjacency =>
  buildAdjacency(graph.edges.map((e) => ({ from: e.from, to: e.to, source: e.sources[0]!, via: e.via })));
