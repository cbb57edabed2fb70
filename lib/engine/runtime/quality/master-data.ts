import type pg from "pg";
import { PermanentError } from "@/lib/engine/core/errors";
import { createMessage } from "@/lib/engine/core/message";
import type { MasterDataDeps, TGoldenChange, TSourceRecord } from "@/lib/engine/core/quality/master-data";
import { withPgTransaction } from "@/lib/engine/transports/postgres/pool";
import {
  claimOutbox,
  goldenExists,
  ingestRecord,
  loadEntityConfig,
  markPublished,
  MASTER_OUTBOX_CHANNEL,
  masterQueueName,
  type TGoldenChangeBody,
  type TSql,
} from "@/lib/quality/master/store";
import { notifiedDrainLoop } from "./drain-loop";
import type { TQualityHost, TQualityPart } from "./index";

/** Set on each published golden-record change: the outbox row, so a consumer can drop a repeat. */
export const MASTER_OUTBOX_HEADER = "sb-master-outbox";

/** What ingest resolves: the contract's change plus the provenance the golden_record step emits. */
export type TGoldenChangeWithProvenance = TGoldenChange & { provenance: TGoldenChangeBody["provenance"] };

const asSql = (client: pg.PoolClient): TSql => ({ query: (text, values) => client.query(text, values) });

// Deadlock and serialization failures are retried: the advisory locks make them rare, not impossible.
const RETRYABLE = new Set(["40001", "40P01"]);

export function pgMasterData(pool: pg.Pool, attempts = 3): MasterDataDeps {
  return {
    async ingest(record: TSourceRecord): Promise<TGoldenChangeWithProvenance> {
      for (let attempt = 1; ; attempt++) {
        try {
          const body = await withPgTransaction(pool, async (client) => {
            const sql = asSql(client);
            const entity = await loadEntityConfig(sql, record.entity);
            if (!entity)
              throw new PermanentError(`No master entity "${record.entity}" is configured (or it is archived).`);
            return ingestRecord(sql, entity, record);
          });
          const { entity, goldenId, change, attributes, version, provenance } = body;
          return {
            entity,
            goldenId,
            // ingestRecord only yields created, updated, unchanged or pending_review.
            change: change as TGoldenChange["change"],
            attributes,
            version,
            provenance,
          };
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw error;
        }
      }
    },
    exists: (entity, attribute, value) => goldenExists({ query: (t, v) => pool.query(t, v) }, entity, attribute, value),
  };
}

/**
 * Publishes unpublished outbox rows (golden-record changes from the engine and from stewards) onto
 * sb.master.<entity>, oldest first, and marks them published in the same transaction: a crash in
 * between publishes a row again, which MASTER_OUTBOX_HEADER lets consumers recognise.
 */
export async function drainMasterOutbox(
  pool: pg.Pool,
  publish: (queue: string, body: unknown, outboxId: string) => Promise<void>,
  limit = 100,
): Promise<number> {
  return withPgTransaction(pool, async (client) => {
    const rows = await claimOutbox(asSql(client), limit);
    for (const row of rows) await publish(masterQueueName(row.entityKey), row.payload, row.id);
    await markPublished(
      asSql(client),
      rows.map((r) => r.id),
    );
    return rows.length;
  });
}

/** The master-data engine part: ingest and lookups per deployment, and the outbox drain loop (NOTIFY plus polling). */
export function masterDataPart(host: TQualityHost): TQualityPart {
  const deps = pgMasterData(host.pool);
  const publish = (queue: string, body: unknown, outboxId: string) =>
    host.transport.publish(
      queue,
      createMessage({
        body,
        source: "switchboard/master",
        type: "switchboard.master.golden_record",
        headers: { [MASTER_OUTBOX_HEADER]: outboxId },
      }),
    );
  const loop = notifiedDrainLoop(
    host,
    MASTER_OUTBOX_CHANNEL,
    () => drainMasterOutbox(host.pool, publish),
    "publishing golden-record changes failed",
  );
  return { forDeployment: () => ({ masterData: deps }), start: loop.start, stop: loop.stop };
}
