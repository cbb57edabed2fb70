// Lays the catalog graph out with elkjs (layered, left to right, so data reads from sources to what
// depends on them). Shared by the graph page's web worker and bench/catalog, which times it in node.
import type { ElkNode, LayoutOptions } from "elkjs/lib/elk-api";

export const LAYOUT_NODE_WIDTH = 180;
export const LAYOUT_NODE_HEIGHT = 44;

/** Chosen for speed at 500+ nodes: network-simplex layering, simple node placement, no edge routing detail. */
export const LAYOUT_OPTIONS: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "POLYLINE",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.spacing.nodeNode": "16",
  "elk.layered.nodePlacement.strategy": "SIMPLE",
  "elk.layered.crossingMinimization.greedySwitch.type": "OFF",
  "elk.layered.thoroughness": "1",
  "elk.separateConnectedComponents": "true",
  "elk.spacing.componentComponent": "40",
};

export type TLayoutInput = { nodes: { id: string }[]; edges: { id: string; from: string; to: string }[] };
export type TPositions = Record<string, { x: number; y: number }>;

/** One edge per pair of nodes: a two-way pair (a caller and its flow) needs one edge to be placed, not a cycle. */
export function layoutInputOf(
  nodes: { id: string }[],
  edges: { id: string; from: string; to: string }[],
): TLayoutInput {
  const seen = new Set<string>();
  const kept: TLayoutInput["edges"] = [];
  for (const e of edges) {
    if (e.from === e.to) continue;
    const pair = e.from < e.to ? `${e.from}|${e.to}` : `${e.to}|${e.from}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    kept.push({ id: e.id, from: e.from, to: e.to });
  }
  return { nodes: nodes.map((n) => ({ id: n.id })), edges: kept };
}

export function toElkGraph(input: TLayoutInput): ElkNode {
  const ids = new Set(input.nodes.map((n) => n.id));
  return {
    id: "root",
    layoutOptions: LAYOUT_OPTIONS,
    children: input.nodes.map((n) => ({ id: n.id, width: LAYOUT_NODE_WIDTH, height: LAYOUT_NODE_HEIGHT })),
    edges: input.edges
      .filter((e) => e.from !== e.to && ids.has(e.from) && ids.has(e.to))
      .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
}

export function positionsOf(laid: ElkNode): TPositions {
  const out: TPositions = {};
  for (const c of laid.children ?? []) out[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
  return out;
}

type TElk = { layout(graph: ElkNode): Promise<ElkNode> };

export async function layoutCatalogGraph(elk: TElk, input: TLayoutInput): Promise<TPositions> {
  return positionsOf(await elk.layout(toElkGraph(input)));
}
