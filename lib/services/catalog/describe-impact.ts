// Impact analysis over a loaded graph, with names and the edges walked, for pages, the CLI and the CAB.
import type {
  TCatalogEdge,
  TCatalogGraph,
  TCatalogNode,
  TEdgeSource,
  TNodeId,
  TNodeKind,
} from "@/lib/catalog/graph-types";
import { buildAdjacency, transitiveDependents, type TAdjacency } from "@/lib/catalog/impact";

export type TImpactDependent = {
  nodeId: TNodeId;
  kind: TNodeKind;
  name: string;
  depth: number;
  /** Name of the node it was reached from. */
  via: string;
  viaNodeId: TNodeId;
  /** The edges from `via` to it, for people: "interface Orders to CRM; observed: writes to http://…". */
  through: string;
  sources: TEdgeSource[];
  lifecycle: TCatalogNode["lifecycle"];
  tier: number;
  ownerId: string | null;
  ownerName: string;
};
export type TImpact = { entry: TCatalogNode; dependents: TImpactDependent[] };

const indexed = new WeakMap<TCatalogGraph, { nodes: Map<TNodeId, TCatalogNode>; adjacency: TAdjacency }>();

function indexOf(graph: TCatalogGraph) {
  let index = indexed.get(graph);
  if (!index) {
    index = { nodes: new Map(graph.nodes.map((n) => [n.id, n])), adjacency: buildAdjacency(graph.edges) };
    indexed.set(graph, index);
  }
  return index;
}

export function catalogNode(graph: TCatalogGraph, id: TNodeId): TCatalogNode | undefined {
  return indexOf(graph).nodes.get(id);
}

/** The transitive dependents of `start` with their names and the edges that led to them; null if unknown. */
export function describeImpact(graph: TCatalogGraph, start: TNodeId): TImpact | null {
  const { nodes, adjacency } = indexOf(graph);
  const entry = nodes.get(start);
  if (!entry) return null;
  const dependents = transitiveDependents(adjacency, start).flatMap((d): TImpactDependent[] => {
    const node = nodes.get(d.nodeId);
    if (!node) return [];
    const walked: TCatalogEdge[] = (adjacency.get(d.via) ?? []).filter((e) => e.to === d.nodeId);
    return [
      {
        nodeId: node.id,
        kind: node.kind,
        name: node.name,
        depth: d.depth,
        via: nodes.get(d.via)?.name ?? d.via,
        viaNodeId: d.via,
        through: [...new Set(walked.map((e) => e.via))].join("; "),
        sources: [...new Set(walked.map((e) => e.source))].sort(),
        lifecycle: node.lifecycle,
        tier: node.tier,
        ownerId: node.ownerId,
        ownerName: node.ownerName,
      },
    ];
  });
  return { entry, dependents };
}
