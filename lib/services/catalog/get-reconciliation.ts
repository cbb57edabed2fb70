import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { buildCatalogGraph } from "./build-graph";
import { readGraphSources } from "./load-graph";
import { flowFacts, reconcile, type TPossiblyDeadFlag, type TReconciliation } from "./reconcile";

export type TReconciliationView = Omit<TReconciliation, "possiblyDead"> & {
  possiblyDead: (TPossiblyDeadFlag & { retirementId: string | null })[];
  counts: { undocumented: number; possiblyDead: number; unidentifiedCallers: number };
};

/** The flags, computed on the caller's transaction (the "Add to inventory" action re-checks its flag). */
export async function reconcileCatalogTx(tx: Tx, now: Date, deadAfterDays?: number): Promise<TReconciliationView> {
  const sources = await readGraphSources(tx);
  const graph = buildCatalogGraph(sources);
  const result = reconcile(graph, sources.flows.map(flowFacts), now, deadAfterDays ?? env().CATALOG_DEAD_AFTER_DAYS);
  const open = result.possiblyDead.length
    ? await tx.retirement.findMany({
        where: {
          subjectKind: "interface",
          subjectId: { in: result.possiblyDead.map((f) => f.interfaceId) },
          status: "deprecated",
        },
        select: { id: true, subjectId: true },
      })
    : [];
  const retirementOf = new Map(open.map((r) => [r.subjectId, r.id]));
  return {
    ...result,
    possiblyDead: result.possiblyDead.map((f) => ({ ...f, retirementId: retirementOf.get(f.interfaceId) ?? null })),
    counts: {
      undocumented: result.undocumented.length,
      possiblyDead: result.possiblyDead.length,
      unidentifiedCallers: result.unidentifiedCallers.length,
    },
  };
}

/**
 * What the inventory and the traffic disagree on: undocumented paths, possibly dead interfaces (no
 * traffic for `deadAfterDays`, CATALOG_DEAD_AFTER_DAYS by default) and callers no system declares.
 */
export async function getCatalogReconciliation(
  actor: Actor,
  opts: { now: Date; deadAfterDays?: number },
): Promise<TReconciliationView> {
  assertCan(actor, "catalog:read");
  return reconcileCatalogTx(db(), opts.now, opts.deadAfterDays);
}
