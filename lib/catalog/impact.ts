// Impact analysis: what breaks if a node is down, changed or retired. Pure, so the portal, the CLI, the
// CAB's risk score and the bench all run the same breadth-first search.
import type { TCatalogEdge, TCatalogGraph, TNodeId } from "./graph-types";

export type TDependent = { nodeId: TNodeId; depth: number; via: TNodeId };

/** from → the edges leaving it; built once per graph and reusable across searches. */
export type TAdjacency = Map<TNodeId, TCatalogEdge[]>;

export function buildAdjacency(edges: TCatalogEdge[]): TAdjacency {
  const out: TAdjacency = new Map();
  for (const edge of edges) {
    const list = out.get(edge.from);
    if (list) list.push(edge);
    else out.set(edge.from, [edge]);
  }
  return out;
}

const adjacencyCache = new WeakMap<TCatalogGraph, TAdjacency>();

function adjacencyOf(graph: TCatalogGraph | TAdjacency): TAdjacency {
  if (graph instanceof Map) return graph;
  let adjacency = adjacencyCache.get(graph);
  if (!adjacency) {
    adjacency = buildAdjacency(graph.edges);
    adjacencyCache.set(graph, adjacency);
  }
  return adjacency;
}

/**
 * Every node that depends, directly or through others, on `start`: each once, at its smallest depth,
 * with `via` the node it was first reached from. Cycles end where a node was already seen; the start
 * node is never its own dependent.
 */
export function transitiveDependents(graph: TCatalogGraph | TAdjacency, start: TNodeId): TDependent[] {
  const adjacency = adjacencyOf(graph);
  const seen = new Set<TNodeId>([start]);
  const result: TDependent[] = [];
  let frontier: TNodeId[] = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: TNodeId[] = [];
    for (const from of frontier) {
      for (const edge of adjacency.get(from) ?? []) {
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        result.push({ nodeId: edge.to, depth, via: from });
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  return result;
}

/** The nodes `start` depends on (the reverse search), for an entry's "depends on" list. */
export function transitiveDependencies(graph: TCatalogGraph, start: TNodeId): TDependent[] {
  const reversed = graph.edges.map((e) => ({ ...e, from: e.to, to: e.from }));
  return transitiveDependents(buildAdjacency(reversed), start);
}
