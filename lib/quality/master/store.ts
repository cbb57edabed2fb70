// The golden-record tables (prisma/schema/quality-master.prisma) read and written in plain SQL through
// an injected query function, so the engine (a pg transaction) and the portal's services (a Prisma
// transaction) run the same ingest, recompute, merge and unmerge, in the caller's transaction.
import { createHash, randomUUID } from "node:crypto";
import { canonicalJson } from "@/lib/utils/canonical-json";
import { ZMasterConfig, type TMasterConfig, type TMasterRecord, type TProvenance } from "./config";
import { blockingKeys, decideMatch, type TCandidate } from "./match";
import { computeGolden } from "./survivorship";

export type TSql = { query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

export type TEntityConfig = { entityId: string; key: string; version: number; config: TMasterConfig };

export type TGoldenChangeKind =
  "created" | "updated" | "unchanged" | "pending_review" | "merged" | "unmerged" | "retired";

/** What downstream systems receive for every change of a golden record (the outbox payload). */
export type TGoldenChangeBody = {
  entity: string;
  goldenId: string;
  change: TGoldenChangeKind;
  attributes: Record<string, unknown>;
  version: number;
  provenance: Record<string, TProvenance>;
};

export type TIngestInput = {
  system: string;
  sourceId: string;
  attributes: Record<string, unknown>;
  observedAt: string;
};

/** NOTIFY channel for new outbox rows. */
export const MASTER_OUTBOX_CHANNEL = "switchboard_master_outbox";

export const masterQueueName = (entityKey: string) => `sb.master.${entityKey}`;

export function configHash(config: TMasterConfig): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex");
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const json = (v: unknown) => JSON.stringify(v);

/** The entity's newest configuration version: what the engine and the services apply. Null when unknown or archived. */
export async function loadEntityConfig(sql: TSql, entityKey: string): Promise<TEntityConfig | null> {
  const r = await sql.query(
    `SELECT e."id", e."key", v."version", v."config" FROM "MasterEntity" e
       JOIN "MasterEntityVersion" v ON v."entityId" = e."id"
      WHERE e."key" = $1 AND e."archivedAt" IS NULL ORDER BY v."version" DESC LIMIT 1`,
    [entityKey],
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    entityId: String(row.id),
    key: String(row.key),
    version: Number(row.version),
    config: ZMasterConfig.parse(row.config),
  };
}

/** Transaction-scoped locks on the entity's keys, in sorted order so two ingests never deadlock. */
async function lockKeys(sql: TSql, entityId: string, keys: string[]) {
  for (const k of [...new Set(keys)].sort())
    await sql.query(`SELECT 1 FROM pg_advisory_xact_lock(hashtext($1))`, [`sb.master:${entityId}:${k}`]);
}

function toRecord(row: Record<string, unknown>): TMasterRecord {
  return {
    id: String(row.id),
    system: String(row.system),
    sourceId: String(row.sourceId),
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    observedAt: iso(row.observedAt),
  };
}

const RECORD_COLUMNS = `"id", "system", "sourceId", "attributes", ("observedAt" AT TIME ZONE 'UTC') AS "observedAt", "goldenId"`;

async function recordsOf(sql: TSql, goldenId: string): Promise<TMasterRecord[]> {
  const r = await sql.query(`SELECT ${RECORD_COLUMNS} FROM "MasterSourceRecord" WHERE "goldenId" = $1`, [goldenId]);
  return r.rows.map(toRecord);
}

async function insertGolden(sql: TSql, e: TEntityConfig): Promise<string> {
  const id = `gr_${randomUUID().replaceAll("-", "")}`;
  await sql.query(
    `INSERT INTO "MasterGoldenRecord" ("id", "entityId", "attributes", "provenance", "version", "configVersion", "updatedAt")
     VALUES ($1, $2, '{}'::jsonb, '{}'::jsonb, 0, $3, now())`,
    [id, e.entityId, e.version],
  );
  return id;
}

async function writeOutbox(sql: TSql, body: TGoldenChangeBody) {
  await sql.query(
    `INSERT INTO "MasterOutbox" ("entityKey", "goldenId", "change", "payload") VALUES ($1, $2, $3, $4::jsonb)`,
    [body.entity, body.goldenId, body.change, json(body)],
  );
  // Delivered at commit (once per transaction): the engines drain the outbox now instead of at the next poll.
  await sql.query(`SELECT 1 FROM pg_notify($1, '')`, [MASTER_OUTBOX_CHANNEL]);
}

/**
 * Recomputes a golden record from all its source records and saves it when attributes or provenance
 * changed (version + 1), with an outbox row. `change` names the change for downstream when it did;
 * a golden record left without source records is retired.
 */
export async function recomputeGolden(
  sql: TSql,
  e: TEntityConfig,
  goldenId: string,
  change: TGoldenChangeKind = "updated",
): Promise<TGoldenChangeBody> {
  const current = (
    await sql.query(
      `SELECT "attributes", "provenance", "version", "status" FROM "MasterGoldenRecord" WHERE "id" = $1 FOR UPDATE`,
      [goldenId],
    )
  ).rows[0];
  if (!current) throw new Error(`golden record ${goldenId} does not exist`);
  const records = await recordsOf(sql, goldenId);
  if (!records.length) {
    const body: TGoldenChangeBody = {
      entity: e.key,
      goldenId,
      change: current.status === "merged" ? "merged" : "retired",
      attributes: current.attributes as Record<string, unknown>,
      version: Number(current.version) + 1,
      provenance: current.provenance as Record<string, TProvenance>,
    };
    await sql.query(
      `UPDATE "MasterGoldenRecord" SET "status" = CASE WHEN "status" = 'merged' THEN 'merged'::"MasterGoldenStatus" ELSE 'retired'::"MasterGoldenStatus" END,
              "version" = $2, "updatedAt" = now() WHERE "id" = $1`,
      [goldenId, body.version],
    );
    await writeOutbox(sql, body);
    return body;
  }
  const view = computeGolden(e.config, records);
  const isSame =
    current.status === "active" &&
    canonicalJson(view.attributes) === canonicalJson(current.attributes) &&
    canonicalJson(view.provenance) === canonicalJson(current.provenance);
  const body: TGoldenChangeBody = {
    entity: e.key,
    goldenId,
    change: isSame ? "unchanged" : Number(current.version) === 0 ? "created" : change,
    attributes: view.attributes,
    version: isSame ? Number(current.version) : Number(current.version) + 1,
    provenance: view.provenance,
  };
  if (isSame) return body;
  const searchText = Object.values(view.attributes)
    .map((v) => String(v ?? "").toLowerCase())
    .join(" ");
  await sql.query(
    `UPDATE "MasterGoldenRecord" SET "attributes" = $2::jsonb, "provenance" = $3::jsonb, "version" = $4, "configVersion" = $5,
            "searchText" = $6, "status" = 'active', "mergedIntoId" = NULL, "updatedAt" = now() WHERE "id" = $1`,
    [goldenId, json(view.attributes), json(view.provenance), body.version, e.version, searchText],
  );
  await writeOutbox(sql, body);
  return body;
}

/** The active golden records that have a source record sharing one of `keys`, with all their records. */
async function candidatesFor(sql: TSql, e: TEntityConfig, keys: string[]): Promise<TCandidate[]> {
  if (!keys.length) return [];
  const r = await sql.query(
    `SELECT s."id", s."system", s."sourceId", s."attributes", (s."observedAt" AT TIME ZONE 'UTC') AS "observedAt", s."goldenId"
       FROM "MasterSourceRecord" s
      WHERE s."goldenId" IN (SELECT DISTINCT c."goldenId" FROM "MasterSourceRecord" c
                              JOIN "MasterGoldenRecord" g ON g."id" = c."goldenId" AND g."status" = 'active'
                             WHERE c."entityId" = $1 AND c."blockingKeys" && $2::text[])
      ORDER BY s."goldenId", s."id"`,
    [e.entityId, keys],
  );
  const byGolden = new Map<string, TMasterRecord[]>();
  for (const row of r.rows) {
    const g = String(row.goldenId);
    byGolden.set(g, [...(byGolden.get(g) ?? []), toRecord(row)]);
  }
  return [...byGolden].map(([goldenId, records]) => ({ goldenId, records }));
}

/**
 * Matches one source record and updates its golden record incrementally, in the caller's transaction.
 * A record seen before keeps its link (a steward's merge or unmerge stands) and updates its values
 * unless it is older than what is stored; a new record joins the best candidate above the match
 * threshold, or starts its own golden record, with review items for candidates in the review band.
 * Advisory locks on the record's blocking keys serialise concurrent engines ingesting records that
 * could match each other.
 */
export async function ingestRecord(sql: TSql, e: TEntityConfig, input: TIngestInput): Promise<TGoldenChangeBody> {
  const keys = blockingKeys(e.config, input);
  await lockKeys(sql, e.entityId, [`src:${input.system}:${input.sourceId}`, ...keys]);
  const existing = (
    await sql.query(
      `SELECT "id", "goldenId", ("observedAt" AT TIME ZONE 'UTC') AS "observedAt" FROM "MasterSourceRecord"
        WHERE "entityId" = $1 AND "system" = $2 AND "sourceId" = $3`,
      [e.entityId, input.system, input.sourceId],
    )
  ).rows[0];
  if (existing) {
    if (Date.parse(input.observedAt) >= Date.parse(iso(existing.observedAt)))
      await sql.query(
        `UPDATE "MasterSourceRecord" SET "attributes" = $2::jsonb, "observedAt" = ($3::timestamptz AT TIME ZONE 'UTC'),
                "blockingKeys" = $4::text[], "updatedAt" = now() WHERE "id" = $1`,
        [existing.id, json(input.attributes), input.observedAt, keys],
      );
    return recomputeGolden(sql, e, String(existing.goldenId));
  }
  const id = `sr_${randomUUID().replaceAll("-", "")}`;
  const record: TMasterRecord = { id, ...input };
  const decision = decideMatch(e.config, record, await candidatesFor(sql, e, keys));
  const goldenId = decision.kind === "match" ? decision.goldenId : await insertGolden(sql, e);
  await sql.query(
    `INSERT INTO "MasterSourceRecord" ("id", "entityId", "system", "sourceId", "attributes", "observedAt", "blockingKeys",
            "goldenId", "matchScore", "matchRule", "homeGoldenId", "updatedAt")
     VALUES ($1, $2, $3, $4, $5::jsonb, ($6::timestamptz AT TIME ZONE 'UTC'), $7::text[], $8, $9, $10, $11, now())`,
    [
      id,
      e.entityId,
      input.system,
      input.sourceId,
      json(input.attributes),
      input.observedAt,
      keys,
      goldenId,
      decision.kind === "match" ? decision.score : 1,
      decision.kind === "match" ? decision.rule : "new",
      decision.kind === "match" ? null : goldenId,
    ],
  );
  const body = await recomputeGolden(sql, e, goldenId);
  if (decision.kind === "new" && decision.reviews.length) {
    for (const review of decision.reviews)
      await sql.query(
        `INSERT INTO "MasterReviewItem" ("id", "entityId", "sourceRecordId", "candidateGoldenId", "score", "fieldScores")
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT ("sourceRecordId", "candidateGoldenId") DO NOTHING`,
        [
          `rv_${randomUUID().replaceAll("-", "")}`,
          e.entityId,
          id,
          review.goldenId,
          review.score,
          json(review.fieldScores),
        ],
      );
    return { ...body, change: "pending_review" };
  }
  return body;
}

/**
 * Moves every source record of `fromGoldenId` into `intoGoldenId` (a steward's merge) and recomputes
 * both: `from` is marked merged (an unmerge restores it). Returns the moved source record ids.
 */
export async function mergeGolden(
  sql: TSql,
  e: TEntityConfig,
  fromGoldenId: string,
  intoGoldenId: string,
  linkedBy: string,
): Promise<{ moved: string[]; into: TGoldenChangeBody; from: TGoldenChangeBody }> {
  const moved = (
    await sql.query(
      `UPDATE "MasterSourceRecord" SET "goldenId" = $2, "matchRule" = 'steward:merge', "linkedBy" = $3, "linkedAt" = now(), "updatedAt" = now()
        WHERE "goldenId" = $1 RETURNING "id"`,
      [fromGoldenId, intoGoldenId, linkedBy],
    )
  ).rows.map((r) => String(r.id));
  await sql.query(
    `UPDATE "MasterGoldenRecord" SET "status" = 'merged', "mergedIntoId" = $2, "updatedAt" = now() WHERE "id" = $1`,
    [fromGoldenId, intoGoldenId],
  );
  const into = await recomputeGolden(sql, e, intoGoldenId, "merged");
  const from = await recomputeGolden(sql, e, fromGoldenId, "merged");
  return { moved: moved.sort(), into, from };
}

/**
 * Takes source records out of a golden record, each back to its own: the golden record it created
 * (reactivated when it was merged away) or a new one. The golden record they leave is recomputed
 * from what remains, and is retired when nothing does.
 */
export async function unmergeRecords(
  sql: TSql,
  e: TEntityConfig,
  goldenId: string,
  sourceRecordIds: string[],
  linkedBy: string,
): Promise<{
  restored: { sourceRecordId: string; goldenId: string }[];
  left: TGoldenChangeBody;
  changes: TGoldenChangeBody[];
}> {
  const rows = (
    await sql.query(
      `SELECT "id", "homeGoldenId" FROM "MasterSourceRecord" WHERE "goldenId" = $1 AND "id" = ANY($2::text[]) ORDER BY "id"`,
      [goldenId, sourceRecordIds],
    )
  ).rows;
  const restored: { sourceRecordId: string; goldenId: string }[] = [];
  for (const row of rows) {
    if (row.homeGoldenId === goldenId) {
      // Already home: it stays, and the golden record is recomputed from it alone.
      restored.push({ sourceRecordId: String(row.id), goldenId });
      continue;
    }
    let target = row.homeGoldenId && row.homeGoldenId !== goldenId ? String(row.homeGoldenId) : null;
    if (!target) {
      target = await insertGolden(sql, e);
      await sql.query(`UPDATE "MasterSourceRecord" SET "homeGoldenId" = $2 WHERE "id" = $1`, [row.id, target]);
    }
    await sql.query(
      `UPDATE "MasterSourceRecord" SET "goldenId" = $2, "matchRule" = 'steward:unmerge', "matchScore" = 1, "linkedBy" = $3,
              "linkedAt" = now(), "updatedAt" = now() WHERE "id" = $1`,
      [row.id, target, linkedBy],
    );
    // The steward said these are different: the pair does not come back as a review item.
    await sql.query(
      `INSERT INTO "MasterReviewItem" ("id", "entityId", "sourceRecordId", "candidateGoldenId", "score", "fieldScores", "status", "resolvedBy", "resolvedAt")
       VALUES ($1, $2, $3, $4, 0, '[]'::jsonb, 'rejected', $5, now())
       ON CONFLICT ("sourceRecordId", "candidateGoldenId") DO UPDATE SET "status" = 'rejected', "resolvedBy" = $5, "resolvedAt" = now()`,
      [`rv_${randomUUID().replaceAll("-", "")}`, e.entityId, row.id, goldenId, linkedBy],
    );
    restored.push({ sourceRecordId: String(row.id), goldenId: target });
  }
  const changes: TGoldenChangeBody[] = [];
  for (const target of [...new Set(restored.map((r) => r.goldenId))].filter((g) => g !== goldenId).sort())
    changes.push(await recomputeGolden(sql, e, target, "unmerged"));
  const left = await recomputeGolden(sql, e, goldenId, "unmerged");
  return { restored, left, changes };
}

/** Whether an active golden record of the entity has `attribute` equal to `value` (case-insensitive for text). */
export async function goldenExists(sql: TSql, entityKey: string, attribute: string, value: unknown): Promise<boolean> {
  if (value === null || value === undefined) return false;
  const r = await sql.query(
    `SELECT 1 FROM "MasterGoldenRecord" g JOIN "MasterEntity" e ON e."id" = g."entityId"
      WHERE e."key" = $1 AND g."status" = 'active' AND lower(g."attributes"->>$2) = lower($3) LIMIT 1`,
    [entityKey, attribute, typeof value === "string" ? value : JSON.stringify(value)],
  );
  return r.rows.length > 0;
}

export type TOutboxRow = { id: string; entityKey: string; payload: TGoldenChangeBody };

/** Takes up to `limit` unpublished outbox rows, locked against other engines until the caller's transaction ends. */
export async function claimOutbox(sql: TSql, limit: number): Promise<TOutboxRow[]> {
  const r = await sql.query(
    `SELECT "id"::text AS "id", "entityKey", "payload" FROM "MasterOutbox" WHERE "publishedAt" IS NULL
      ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return r.rows.map((row) => ({
    id: String(row.id),
    entityKey: String(row.entityKey),
    payload: row.payload as TGoldenChangeBody,
  }));
}

export async function markPublished(sql: TSql, ids: string[]): Promise<void> {
  if (ids.length)
    await sql.query(`UPDATE "MasterOutbox" SET "publishedAt" = now() WHERE "id" = ANY($1::bigint[])`, [ids]);
}
