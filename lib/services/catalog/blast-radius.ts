import "server-only";
import type { TNodeId } from "@/lib/catalog/graph-types";
import { transitiveDependents } from "@/lib/catalog/impact";
import type { Tx } from "@/lib/db";
import type { TLoadedCatalog } from "./build-graph";
import { catalogNode } from "./describe-impact";
import { loadCatalogGraph } from "./load-graph";

export type TBlastRadius = { systems: string[]; interfaces: string[]; flows: string[] };

/**
 * The names of the systems, interfaces and flows that depend on a node, transitively: what the CAB's
 * risk score counts. An interface counts when the walk crossed it (both its ends are the node or its
 * dependents). Pure over a loaded graph.
 */
export function summarizeBlastRadius(graph: TLoadedCatalog, start: TNodeId): TBlastRadius {
  const reached = new Set<TNodeId>([start, ...transitiveDependents(graph, start).map((d) => d.nodeId)]);
  const systems: string[] = [];
  const flows: string[] = [];
  for (const id of reached) {
    if (id === start) continue;
    const node = catalogNode(graph, id);
    if (node?.kind === "system") systems.push(node.name);
    if (node?.kind === "flow") flows.push(node.name);
  }
  const interfaceIds = new Set(
    graph.edges.filter((e) => e.interfaceId && reached.has(e.from) && reached.has(e.to)).map((e) => e.interfaceId!),
  );
  const interfaces = graph.interfaces.filter((i) => interfaceIds.has(i.id)).map((i) => i.name);
  const sorted = (a: string[]) => [...new Set(a)].sort((x, y) => x.localeCompare(y));
  return { systems: sorted(systems), interfaces: sorted(interfaces), flows: sorted(flows) };
}

/** The blast radius on the caller's transaction (a change request computes it while it is written). */
export async function blastRadiusOf(tx: Tx, start: TNodeId): Promise<TBlastRadius> {
  return summarizeBlastRadius(await loadCatalogGraph(tx), start);
}
