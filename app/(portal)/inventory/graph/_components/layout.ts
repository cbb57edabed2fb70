import { Graph, layout } from "@dagrejs/dagre";

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 56;

/** Left-to-right layered layout (dagre), so data flows read from sources to sinks. Returns top-left positions. */
export function layoutGraph(
  nodes: { id: string }[],
  edges: { id: string; source: string; target: string }[],
): Map<string, { x: number; y: number }> {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 110, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges) if (e.source !== e.target) g.setEdge(e.source, e.target, {}, e.id);
  layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id);
    out.set(n.id, { x: (p?.x ?? 0) - NODE_WIDTH / 2, y: (p?.y ?? 0) - NODE_HEIGHT / 2 });
  }
  return out;
}
