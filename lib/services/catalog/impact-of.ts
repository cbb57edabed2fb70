import "server-only";
import type { TNodeId } from "@/lib/catalog/graph-types";
import type { Tx } from "@/lib/db";
import { describeImpact, type TImpact } from "./describe-impact";
import { loadCatalogGraph } from "./load-graph";

/** What breaks if the node is down, changed or retired; null when no such node. Internal (no actor). */
export async function impactOf(tx: Tx, id: TNodeId): Promise<TImpact | null> {
  return describeImpact(await loadCatalogGraph(tx), id);
}
