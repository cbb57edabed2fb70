import "server-only";
import { nodeId } from "@/lib/catalog/graph-types";
import { loadCatalogGraph } from "@/lib/services/catalog/load-graph";
import { clampScore, plural } from "./score";
import type { TSignalSource } from "./types";

const LEAVING = new Set(["deprecated", "retired"]);

/**
 * The entries the flows read from or deliver to directly (catalog edges, declared or observed) that are
 * deprecated or retired: each costs 25 points, since the integration has to move before that dependency goes.
 */
export const deprecatedDependencySignal: TSignalSource = {
  key: "deprecatedDependencies",
  label: "Deprecated dependencies",
  weight: 1,
  async read(tx, subject) {
    const graph = subject.flowIds.length ? await loadCatalogGraph(tx) : null;
    const mine = new Set(subject.flowIds.map((id) => nodeId("flow", id)));
    const byId = new Map(graph?.nodes.map((n) => [n.id, n]) ?? []);
    const names = new Set<string>();
    for (const e of graph?.edges ?? []) {
      // Both ways: a source that is going away and a target that is going away both force a move.
      const other = mine.has(e.to) ? e.from : mine.has(e.from) ? e.to : null;
      const entry = other && !mine.has(other) ? byId.get(other) : undefined;
      if (entry && LEAVING.has(entry.lifecycle)) names.add(`${entry.name} (${entry.lifecycle})`);
    }
    const list = [...names].sort();
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "dependencies",
      value: list.length,
      score: clampScore(100 - list.length * 25),
      trend: null,
      detail: list.length
        ? `Depends on ${plural(list.length, "deprecated or retired entry")}: ${list.slice(0, 5).join(", ")}${list.length > 5 ? ", …" : ""}.`
        : "No deprecated or retired dependency.",
    };
  },
};
