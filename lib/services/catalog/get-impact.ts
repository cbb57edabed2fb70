import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import type { TCatalogNode } from "@/lib/catalog/graph-types";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZImpactQuery } from "@/lib/validation/catalog";
import { describeImpact, type TImpactDependent } from "./describe-impact";
import { loadCatalogGraph } from "./load-graph";
import { resolveEntry } from "./resolve-entry";

export type TCatalogImpact = { entry: TCatalogNode; dependents: TImpactDependent[] };

/**
 * The transitive dependents of the entry named "kind:key", "kind:name" or by a name only one entry
 * has; several entries with that name is a CONFLICT that lists how to name each.
 */
export async function getCatalogImpact(actor: Actor, raw: unknown): Promise<TCatalogImpact> {
  assertCan(actor, "catalog:read");
  const { entry } = ZImpactQuery.parse(raw);
  const graph = await loadCatalogGraph(db());
  const found = resolveEntry(graph, entry);
  if (!found) throw new AppError("NOT_FOUND", `No catalog entry is called “${entry}”.`);
  if ("ambiguous" in found)
    throw new AppError(
      "CONFLICT",
      `“${entry}” names ${found.ambiguous.length} entries; name one as ${found.ambiguous
        .map((n) => `${n.kind}:${n.name}`)
        .join(" or ")}.`,
    );
  return describeImpact(graph, found.node.id)!;
}
