// The area-level import graph behind scripts/check-area-cycles.ts, kept apart so it can be tested.
import type { ICruiseResult } from "dependency-cruiser";

/**
 * The area of a module: each folder of lib/services and each lib/services/*.ts file (users, export,
 * sheets...) is one; so is each other lib/* folder or file (lib/auth, lib/session, lib/engine,
 * lib/env.ts...), components and app. Null for what is not ours (node_modules, node builtins).
 */
export function areaOf(source: string): string | null {
  const parts = source.split("/");
  const base = (name: string) => name.replace(/\.(ts|tsx|mts|js|mjs)$/, "");
  if (parts[0] === "app" || parts[0] === "components") return parts[0];
  if (parts[0] !== "lib" || parts.length < 2) return null;
  if (parts[1] === "services" && parts.length > 2) return `lib/services/${base(parts[2])}`;
  return `lib/${base(parts[1])}`;
}

type Edge = { from: string; to: string };
export type AreaGraph = Map<string, Map<string, Edge[]>>;

export function areaGraph(modules: ICruiseResult["modules"]): AreaGraph {
  const graph: AreaGraph = new Map();
  for (const m of modules) {
    const from = areaOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = areaOf(d.resolved);
      if (!to || to === from || d.coreModule || d.couldNotResolve) continue;
      const targets = graph.get(from) ?? new Map<string, Edge[]>();
      graph.set(from, targets);
      targets.set(to, [...(targets.get(to) ?? []), { from: m.source, to: d.resolved }]);
    }
  }
  return graph;
}

/** Shortest path from `start` to `goal` along area edges, both ends included; null if none. */
function shortestPath(graph: AreaGraph, start: string, goal: string): string[] | null {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    if (node === goal) {
      const path: string[] = [];
      for (let n: string | null = goal; n !== null; n = previous.get(n)!) path.unshift(n);
      return path;
    }
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * Every area edge that lies on a cycle, with the shortest cycle through it (a → b plus the way back
 * from b to a). Fixing each listed edge's cycle removes every cycle; rotations are reported once.
 */
export function findAreaCycles(graph: AreaGraph): string[][] {
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const [from, targets] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    for (const to of [...targets.keys()].sort()) {
      const back = shortestPath(graph, to, from);
      if (!back) continue;
      const cycle = [from, ...back.slice(0, -1)];
      const first = cycle.indexOf([...cycle].sort()[0]);
      const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
      const key = rotated.join(" → ");
      if (seen.has(key)) continue;
      seen.add(key);
      cycles.push(rotated);
    }
  }
  return cycles;
}
