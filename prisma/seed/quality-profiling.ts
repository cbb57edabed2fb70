// Demo profiles: the CRM customer stream of the quarantine's demo flow (hourly, six past runs; in the
// last one a fifth of the emails are missing, a null-rate jump that raised a "profile_anomaly" alert)
// and the inventory's Interface table (daily, three past runs of the real table). The history goes
// through the job's own finishProfileRun, so baselines, anomalies and alerts are what the engine would
// have stored. Idempotent: a profile that exists is left alone.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { Profiler } from "../../lib/quality/profiling/profiler";
import { saveProfileDefinition } from "../../lib/services/quality/profiling";
import { finishProfileRun } from "../../lib/services/quality/profiling/execute";
import { QUARANTINE_FLOW } from "./quality-quarantine";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const PROFILE_STREAM_NAME = "CRM customers (stream, dev)";
export const PROFILE_TABLE_NAME = "Inventory interfaces (table)";

const COUNTRIES = ["DE", "DE", "DE", "AT", "CH", "NL", "FR"];

/** One hour of CRM customers; from `missingEmailEvery` on, every n-th record has no email. */
function customers(hour: number, count: number, missingEmailEvery: number | null): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const n = hour * 1000 + i;
    const hasNoEmail = missingEmailEvery ? i % missingEmailEvery === 0 : i % 50 === 0;
    return {
      customerId: `CRM-${String(4100 + n)}`,
      name: `Demo Customer ${n}`,
      email: hasNoEmail ? null : `customer${n}@example.com`,
      country: COUNTRIES[n % COUNTRIES.length],
      iban: "DE89370400440532013000",
      creditLimit: 500 + ((n * 37) % 20) * 250,
    };
  });
}

async function replay(
  definitionId: string,
  runs: { at: Date; window: { start: Date; end: Date } | null; records: Record<string, unknown>[] }[],
  bounds: Record<string, { min?: number; max?: number }>,
  mode: "json" | "inferred",
) {
  const definition = await db().profileDefinition.findUniqueOrThrow({ where: { id: definitionId } });
  for (const r of runs) {
    const run = await db().profileRun.create({
      data: {
        definitionId,
        status: "running",
        trigger: "schedule",
        startedAt: new Date(r.at.getTime() - 20_000),
        createdAt: new Date(r.at.getTime() - 20_000),
        windowStart: r.window?.start ?? null,
        windowEnd: r.window?.end ?? null,
      },
      select: { id: true },
    });
    const profiler = new Profiler({ mode, bounds });
    for (const rec of r.records) profiler.add(rec);
    await finishProfileRun({ definition, runId: run.id, window: r.window }, profiler, profiler.rows, () => r.at);
  }
  const last = runs[runs.length - 1];
  await db().profileDefinition.update({ where: { id: definitionId }, data: { lastRunAt: last.at } });
}

export async function seedQualityProfiling(actor: Actor, now = new Date()): Promise<void> {
  const [dev, flow] = await Promise.all([
    db().environment.findUnique({ where: { key: "dev" }, select: { id: true } }),
    db().flow.findUnique({ where: { name: QUARANTINE_FLOW }, select: { id: true } }),
  ]);

  if (dev && flow && !(await db().profileDefinition.findUnique({ where: { name: PROFILE_STREAM_NAME } }))) {
    const bounds = { creditLimit: { min: 0, max: 10_000 } };
    const { id } = await saveProfileDefinition(
      actor,
      {
        name: PROFILE_STREAM_NAME,
        description: "Customer records the CRM sends into the validated entry point, profiled every hour.",
        targetKind: "stream",
        flowId: flow.id,
        environmentId: dev.id,
        scheduleKind: "interval",
        intervalMinutes: 60,
        bounds,
        baselineRuns: 5,
      },
      now,
    );
    const top = Math.floor(now.getTime() / HOUR) * HOUR;
    const runs = Array.from({ length: 6 }, (_, k) => {
      const end = new Date(top - (5 - k) * HOUR);
      const count = 420 + ((k * 53) % 120);
      return {
        at: new Date(Math.min(end.getTime() + 60_000, now.getTime())),
        window: { start: new Date(end.getTime() - HOUR), end },
        records: customers(k, count, k === 5 ? 5 : null),
      };
    });
    await replay(id, runs, bounds, "json");
  }

  if (!(await db().profileDefinition.findUnique({ where: { name: PROFILE_TABLE_NAME } }))) {
    const { id } = await saveProfileDefinition(
      actor,
      {
        name: PROFILE_TABLE_NAME,
        description: "The inventory's interfaces, read from the engine database once a day at 03:00 UTC.",
        targetKind: "sql",
        sqlTable: "public.Interface",
        scheduleKind: "cron",
        cron: "0 3 * * *",
      },
      now,
    );
    // The real table's rows (a small one), as the cursor would have read them on three past nights.
    const rows = await db().$queryRaw<Record<string, unknown>[]>`SELECT * FROM "public"."Interface" LIMIT 10000`;
    const night = Math.floor(now.getTime() / DAY) * DAY + 3 * HOUR;
    const runs = [3, 2, 1].map((d) => ({ at: new Date(night - d * DAY + 40_000), window: null, records: rows }));
    if (rows.length) await replay(id, runs, {}, "inferred");
  }
}
