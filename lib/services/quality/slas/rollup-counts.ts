import "server-only";
import type { Tx } from "@/lib/db";
import type { TWindowCounts } from "./math";

// Reads an interface's window from the engine's minute rollups (whole-flow rows, step ""), never from
// message runs. Validation counts come from QualityCheckMinute, written by the validate_rules step; it
// is read with SQL by name so this works whether or not that table exists in a given database.

const FRESHNESS_LOOKBACK_MS = 90 * 24 * 3_600_000; // the rollups' retention

let checkTable: Promise<boolean> | undefined;
async function hasQualityCheckMinute(tx: Tx): Promise<boolean> {
  checkTable ??= tx.$queryRaw<{ t: string | null }[]>`SELECT to_regclass('"QualityCheckMinute"')::text AS t`
    .then((r) => !!r[0]?.t)
    .catch(() => {
      checkTable = undefined;
      return false;
    });
  return checkTable;
}

export async function windowCounts(
  tx: Tx,
  flowIds: string[],
  environmentId: string,
  from: Date,
  to: Date,
): Promise<TWindowCounts> {
  const empty: TWindowCounts = {
    lastDeliveryMinute: null,
    ok: 0,
    failed: 0,
    deadLettered: 0,
    filtered: 0,
    validationChecked: 0,
    validationFailed: 0,
  };
  if (!flowIds.length) return empty;
  const [sums] = await tx.$queryRaw<
    { ok: bigint | null; failed: bigint | null; dl: bigint | null; filtered: bigint | null }[]
  >`SELECT sum("countOk") AS ok, sum("countFailed") AS failed, sum("countDeadLettered") AS dl, sum("countFiltered") AS filtered
    FROM "MetricMinute"
    WHERE "flowId" = ANY(${flowIds}) AND "environmentId" = ${environmentId} AND "step" = ''
      AND "minute" >= ${from} AND "minute" < ${to}`;
  const [last] = await tx.$queryRaw<{ m: Date | null }[]>`
    SELECT max("minute") AS m FROM "MetricMinute"
    WHERE "flowId" = ANY(${flowIds}) AND "environmentId" = ${environmentId} AND "step" = ''
      AND "countOk" > 0 AND "minute" < ${to} AND "minute" >= ${new Date(to.getTime() - FRESHNESS_LOOKBACK_MS)}`;
  let validationChecked = 0;
  let validationFailed = 0;
  if (await hasQualityCheckMinute(tx)) {
    const [v] = await tx.$queryRaw<{ records: bigint | null; failed: bigint | null }[]>`
      SELECT sum("records") AS records, sum("failed") AS failed FROM "QualityCheckMinute"
      WHERE "flowId" = ANY(${flowIds}) AND "environmentId" = ${environmentId}
        AND "minute" >= ${from} AND "minute" < ${to}`;
    validationChecked = Number(v?.records ?? 0);
    validationFailed = Number(v?.failed ?? 0);
  }
  return {
    lastDeliveryMinute: last?.m ?? null,
    ok: Number(sums?.ok ?? 0),
    failed: Number(sums?.failed ?? 0),
    deadLettered: Number(sums?.dl ?? 0),
    filtered: Number(sums?.filtered ?? 0),
    validationChecked,
    validationFailed,
  };
}
