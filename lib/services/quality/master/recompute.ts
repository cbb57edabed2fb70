import "server-only";
import { db, transaction } from "@/lib/db";
import { recomputeGolden } from "@/lib/quality/master/store";
import { entityConfigByIdOrThrow, prismaSql } from "./sql";

// A new configuration version applies to golden records already built, not only to the next source
// record: the engine's "master-recompute" job recomputes survivorship for each golden record built
// under an older version, in small transactions (FOR UPDATE SKIP LOCKED, so engines share the work and
// an ingest holding a record is not waited on), publishing what changed through the outbox like any
// other change. Matching is not re-run: links stand as matched or as a steward left them.

const BATCH = 200;

export type TRecomputeResult = { entities: number; recomputed: number; changed: number };

/** One pass: up to `budget` stale golden records, across entities. */
export async function recomputeStaleGoldenRecords(budget = 2_000): Promise<TRecomputeResult> {
  const entities = await db().masterEntity.findMany({
    where: { archivedAt: null },
    select: { id: true, versions: { orderBy: { version: "desc" }, take: 1, select: { version: true } } },
  });
  const out: TRecomputeResult = { entities: 0, recomputed: 0, changed: 0 };
  for (const entity of entities) {
    const version = entity.versions[0]?.version;
    if (version === undefined) continue;
    let touched = false;
    while (out.recomputed < budget) {
      const done = await recomputeBatch(entity.id, version, Math.min(BATCH, budget - out.recomputed));
      out.recomputed += done.recomputed;
      out.changed += done.changed;
      touched ||= done.recomputed > 0;
      if (done.recomputed === 0) break;
    }
    if (touched) out.entities++;
  }
  return out;
}

async function recomputeBatch(entityId: string, version: number, limit: number) {
  return transaction(async (tx) => {
    const stale = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "MasterGoldenRecord"
       WHERE "entityId" = ${entityId} AND "status" = 'active' AND "configVersion" < ${version}
       ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (!stale.length) return { recomputed: 0, changed: 0 };
    const e = await entityConfigByIdOrThrow(tx, entityId);
    const sql = prismaSql(tx);
    let changed = 0;
    for (const { id } of stale) {
      const body = await recomputeGolden(sql, e, id, "updated");
      if (body.change !== "unchanged") changed++;
    }
    // Unchanged records are brought to the version too, so they are not taken again.
    await tx.masterGoldenRecord.updateMany({
      where: { id: { in: stale.map((s) => s.id) }, configVersion: { lt: e.version } },
      data: { configVersion: e.version },
    });
    return { recomputed: stale.length, changed };
  });
}

/** How far the newest configuration has been applied to an entity's active golden records. */
export async function recomputeProgress(entityId: string, version: number): Promise<{ stale: number; total: number }> {
  const [stale, total] = await Promise.all([
    db().masterGoldenRecord.count({ where: { entityId, status: "active", configVersion: { lt: version } } }),
    db().masterGoldenRecord.count({ where: { entityId, status: "active" } }),
  ]);
  return { stale, total };
}
