import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { adminQuery, urlFor } from "@/test/pg-admin";
import { deployFlowDirect } from "@/lib/engine/runtime/deploy";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { Profiler } from "@/lib/quality/profiling/profiler";
import { closeProfilingPool } from "./sources";
import {
  deleteProfileDefinition,
  getProfileDefinition,
  listProfileAnomalies,
  listProfileDefinitions,
  listProfileRuns,
  profileAlertKey,
  profileTrend,
  requestProfileRun,
  runDueProfiles,
  saveProfileDefinition,
} from "./index";

const dbUrl = useTestDatabase();
const MINUTE = 60_000;
const actor = systemActor("profiling-test");

describe("profiling runs on real Postgres", () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: dbUrl() });
    await client.connect();
    await client.query(`CREATE SCHEMA crm`);
    await client.query(`CREATE TABLE crm.customers (id int PRIMARY KEY, email text, zip text, age int, joined date)`);
    await client.query(
      `INSERT INTO crm.customers
       SELECT g, 'user' || g || '@example.com', lpad((g % 1000)::text, 5, '0'), 18 + g % 60, date '2024-01-01' + g % 365
       FROM generate_series(1, 12000) g`,
    );
    await client.query(`ANALYZE crm.customers`);
  });

  afterAll(async () => {
    await client.end();
    await closeProfilingPool();
  });

  async function sqlDefinition(name: string, table: string) {
    return saveProfileDefinition(actor, {
      name,
      targetKind: "sql",
      sqlTable: table,
      scheduleKind: "interval",
      intervalMinutes: "60",
      bounds: { age: { min: 18, max: 80 } },
      baselineRuns: 5,
    });
  }

  it("profiles a table through a cursor with progress, then shows it in the list and detail", async () => {
    const { id } = await sqlDefinition("CRM customers", "crm.customers");
    const saved = await db().profileDefinition.findUniqueOrThrow({ where: { id } });
    expect(saved.nextRunAt).not.toBeNull(); // scheduled an interval from now
    await requestProfileRun(actor, { id });

    const seen: { rowsDone: number; rowsTotal: number | null }[] = [];
    const progress = setInterval(() => {
      void db()
        .profileRun.findFirst({ where: { definitionId: id }, select: { rowsDone: true, rowsTotal: true } })
        .then((r) => r && seen.push(r));
    }, 20);
    const out = await runDueProfiles(new Date(), { batchRows: 200, progressEvery: 1000 });
    clearInterval(progress);
    expect(out).toMatchObject({ ran: 1, succeeded: 1, failed: 0 });

    const runs = await listProfileRuns(actor, { definitionId: id });
    expect(runs.total).toBe(1);
    expect(runs.rows[0]).toMatchObject({ status: "succeeded", trigger: "manual", rowsDone: 12000, rowsTotal: 12000 });
    // Progress was written while the cursor read: partial counts under the total were stored.
    expect(seen.some((s) => s.rowsDone > 0 && s.rowsDone < 12000)).toBe(true);
    expect(seen.every((s) => s.rowsTotal === null || s.rowsTotal === 12000)).toBe(true);

    const detail = await getProfileDefinition(actor, id);
    const cols = Object.fromEntries(detail.latestRun!.columns.map((c) => [c.name, c]));
    expect(Object.keys(cols).sort()).toEqual(["age", "email", "id", "joined", "zip"]);
    expect(cols.id).toMatchObject({ type: "integer", nulls: 0 });
    // Past the exact-distinct cap HyperLogLog counts: within 3%.
    expect(Math.abs(cols.id.distinct - 12000) / 12000).toBeLessThan(0.03);
    expect(cols.id.profile.distinctExact).toBe(false);
    expect(cols.zip.type).toBe("string"); // leading zeros keep it a string
    expect(cols.zip.profile.formats).toMatchObject({ digits: expect.any(Number) });
    expect(cols.age.profile).toMatchObject({ min: 18, max: 77, outOfRange: { below: 0, above: 0 } });
    expect(detail.baseline).toMatchObject({ runs: 1, rows: 12000 });
    expect(detail.definition).toMatchObject({
      scheduleLabel: "every 60 min",
      targetLabel: "crm.customers (engine database)",
    });

    const list = await listProfileDefinitions(actor, { filters: { kind: "sql" }, q: "customers" });
    expect(list.rows.map((r) => r.id)).toEqual([id]);
    expect(list.rows[0].lastRun).toMatchObject({ status: "succeeded", rows: 12000 });
    expect((await listProfileDefinitions(actor, { filters: { kind: "stream" } })).total).toBe(0);
  });

  it("a run over a missing table fails with safe text", async () => {
    const { id } = await sqlDefinition("Missing table", "crm.nope");
    await requestProfileRun(actor, { id });
    expect(await runDueProfiles(new Date())).toMatchObject({ ran: 1, failed: 1 });
    const run = (await listProfileRuns(actor, { definitionId: id })).rows[0];
    expect(run.status).toBe("failed");
    expect(run.error).toBe("The table crm.nope does not exist (or the connection's user cannot see it).");
  });

  it("reads Switchboard's own inventory tables but none that hold credentials, payloads or audit", async () => {
    const users = await sqlDefinition("Portal users", "public.User");
    const interfaces = await sqlDefinition("Portal interfaces", "public.Interface");
    await requestProfileRun(actor, { id: users.id });
    await requestProfileRun(actor, { id: interfaces.id });
    expect(await runDueProfiles(new Date())).toMatchObject({ ran: 2, failed: 1 });
    const refused = (await listProfileRuns(actor, { definitionId: users.id })).rows[0];
    expect(refused).toMatchObject({ status: "failed", rowsDone: 0 });
    expect(refused.error).toMatch(/^public\.User is one of Switchboard's own tables/);
    expect(await db().profileColumnResult.count({ where: { runId: refused.id } })).toBe(0);
    expect((await listProfileRuns(actor, { definitionId: interfaces.id })).rows[0].status).toBe("succeeded");
  });

  it("builds the baseline, detects a null-rate jump with one alert, and resolves it when the data recovers", async () => {
    await client.query(
      `CREATE TABLE crm.orders AS SELECT g AS id, 'c' || g AS customer FROM generate_series(1, 500) g`,
    );
    const { id } = await sqlDefinition("CRM orders", "crm.orders");
    const runOnce = async () => {
      await requestProfileRun(actor, { id });
      expect(await runDueProfiles(new Date())).toMatchObject({ ran: 1, succeeded: 1 });
    };
    await runOnce();
    await runOnce();
    expect((await listProfileAnomalies(actor, { filters: { definition: id } })).total).toBe(0);

    await client.query(`UPDATE crm.orders SET customer = NULL WHERE id % 5 < 2`); // 40% null
    await runOnce();
    const anomalies = await listProfileAnomalies(actor, { filters: { definition: id } });
    expect(anomalies.rows.map((a) => `${a.kind}:${a.column}`)).toEqual(["null_rate_jump:customer"]);
    const alert = await db().alert.findUniqueOrThrow({
      where: { openKey: profileAlertKey(id, "null_rate_jump", "customer") },
    });
    expect(alert).toMatchObject({ kind: "profile_anomaly", status: "open", severity: "critical" });
    expect(anomalies.rows[0].alertId).toBe(alert.id);

    // Still anomalous: a second anomaly row, the same single alert.
    await runOnce();
    const again = await listProfileAnomalies(actor, { filters: { definition: id } });
    expect(again.total).toBe(2);
    expect(new Set(again.rows.map((a) => a.alertId))).toEqual(new Set([alert.id]));
    expect(await db().alert.count({ where: { kind: "profile_anomaly" } })).toBe(1);

    await client.query(`UPDATE crm.orders SET customer = 'c' || id`);
    await runOnce();
    expect(await db().alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      status: "resolved",
      openKey: null,
    });

    const trend = await profileTrend(actor, { definitionId: id });
    expect(trend.map((p) => p.columns.customer.nullRate)).toEqual([0, 0, 0.4, 0.4, 0]);
    expect(trend.every((p) => p.rows === 500)).toBe(true);
    const baseline = await db().profileBaseline.findUniqueOrThrow({ where: { definitionId: id } });
    expect(baseline.runs).toBe(5);
  });

  it("merges a flow's stream partials over the run's window", async () => {
    const flow = await db().flow.create({ data: { name: "profiling-test-flow", createdBy: "test" } });
    const env = await db().environment.findUniqueOrThrow({ where: { key: "dev" } });
    const now = new Date("2026-06-01T12:00:40Z");
    const minute = (n: number) => new Date(Date.UTC(2026, 5, 1, 12, 0) - n * MINUTE);
    const state = (from: number, n: number, extra: Record<string, unknown> = {}) => {
      const p = new Profiler({ mode: "json", limits: { exactDistinct: 1024 } });
      for (let i = from; i < from + n; i++) p.add({ orderId: i, total: i % 7 === 0 ? 250 : 20 + (i % 50), ...extra });
      return p.toState();
    };
    const partial = (m: Date, s: ReturnType<typeof state>, stepId = "profile") =>
      db().profileStreamPartial.create({
        data: { flowId: flow.id, environmentId: env.id, stepId, minute: m, rows: s.rows, state: s as object },
      });
    // The window of a manual run at 12:00:40 with an hourly interval is [11:00, 12:00).
    await partial(minute(90), state(0, 10)); // before the window
    await partial(minute(50), state(100, 40));
    await partial(minute(20), state(140, 30));
    await partial(minute(1), state(170, 30));
    await partial(minute(0), state(999, 5)); // the current minute: not yet in
    await partial(minute(20), state(5000, 7), "other-step"); // another step of the flow

    const { id } = await saveProfileDefinition(actor, {
      name: "Orders stream",
      targetKind: "stream",
      flowId: flow.id,
      environmentId: env.id,
      stepId: "profile",
      scheduleKind: "interval",
      intervalMinutes: 60,
      bounds: { total: { max: 200 } },
    });
    await requestProfileRun(actor, { id }, now);
    expect(await runDueProfiles(now)).toMatchObject({ ran: 1, succeeded: 1 });
    const detail = await getProfileDefinition(actor, id);
    const run = detail.latestRun!;
    expect(run).toMatchObject({
      status: "succeeded",
      rowsDone: 100,
      rowsTotal: 100,
      windowStart: "2026-06-01T11:00:00.000Z",
      windowEnd: "2026-06-01T12:00:00.000Z",
    });
    const cols = Object.fromEntries(run.columns.map((c) => [c.name, c]));
    expect(cols.orderId).toMatchObject({ distinct: 100, nulls: 0 });
    expect(cols.orderId.profile).toMatchObject({ min: 100, max: 199 });
    // The engine sketched without bounds; the run counts totals over 200 from the digests.
    const over = Array.from({ length: 100 }, (_, k) => 100 + k).filter((i) => i % 7 === 0).length;
    expect(cols.total.profile.outOfRange).toEqual({ below: 0, above: over });
    expect(detail.definition.targetLabel).toBe("profiling-test-flow / profile · dev");
  });

  it("reads a table through the flow's deployed poll_sql connection, or the profile's own (password never shown)", async () => {
    const source = `switchboard_test_h2src_${Date.now()}`;
    await adminQuery(`CREATE DATABASE "${source}"`);
    const src = new pg.Client({ connectionString: urlFor(source) });
    try {
      await src.connect();
      await src.query(`CREATE TABLE accounts AS SELECT g AS id, 'ACC-' || g AS code FROM generate_series(1, 30) g`);
      await src.end();
      const env = await db().environment.findUniqueOrThrow({ where: { key: "dev" } });
      await db().environmentVariable.create({
        data: { environmentId: env.id, name: "CRM_DB", value: urlFor(source) },
      });
      const pool = new pg.Pool({ connectionString: dbUrl(), max: 1 });
      const dep = await deployFlowDirect(pool, {
        flowName: "profiling-poll-flow",
        environmentKey: "dev",
        deployedBy: "test",
        spec: {
          name: "profiling-poll-flow",
          input: {
            use: "poll_sql",
            config: {
              query: "SELECT * FROM accounts WHERE id > $1 ORDER BY id LIMIT $2",
              watermarkColumn: "id",
              initialWatermark: 0,
              connectionString: "${vars.CRM_DB}",
            },
          },
          outputs: [{ id: "out", use: "http", config: { url: "http://127.0.0.1:9/none" } }],
        },
      });
      await pool.end();

      const viaFlow = await saveProfileDefinition(actor, {
        name: "Accounts via the flow",
        targetKind: "sql",
        sqlTable: "accounts",
        flowId: dep.flowId,
        environmentId: env.id,
        scheduleKind: "cron",
        cron: "0 3 * * *",
      });
      await requestProfileRun(actor, viaFlow);
      expect(await runDueProfiles(new Date())).toMatchObject({ ran: 1, succeeded: 1 });
      expect((await listProfileRuns(actor, { definitionId: viaFlow.id })).rows[0]).toMatchObject({ rowsDone: 30 });

      const withPassword = urlFor(source).replace("postgres@", "postgres:s3cret@");
      const own = await saveProfileDefinition(actor, {
        name: "Accounts direct",
        targetKind: "sql",
        sqlTable: "public.accounts",
        sqlConnection: withPassword,
        scheduleKind: "interval",
        intervalMinutes: 30,
      });
      const shown = await getProfileDefinition(actor, own.id);
      expect(shown.definition.sqlConnection).not.toContain("s3cret");
      expect(shown.definition.sqlConnection).toContain(":********@");
      expect(shown.definition.targetLabel).toBe(`public.accounts (127.0.0.1:5432/${source})`);
      // Saving the form back unchanged keeps the stored password.
      await saveProfileDefinition(actor, { ...shown.definition, description: "edited" });
      const stored = await db().profileDefinition.findUniqueOrThrow({ where: { id: own.id } });
      expect(stored).toMatchObject({ sqlConnection: withPassword, description: "edited" });
      const audit = await db().auditEntry.findMany({
        where: { entityId: own.id },
        select: { before: true, after: true },
      });
      expect(JSON.stringify(audit)).not.toContain("s3cret");
      await requestProfileRun(actor, own);
      expect(await runDueProfiles(new Date())).toMatchObject({ ran: 1, succeeded: 1 });
      await deleteProfileDefinition(actor, own);
      await deleteProfileDefinition(actor, viaFlow);
    } finally {
      await closeProfilingPool();
      await adminQuery(`DROP DATABASE IF EXISTS "${source}" WITH (FORCE)`);
    }
  });

  it("two engines never run one definition twice (FOR UPDATE SKIP LOCKED)", async () => {
    await client.query(`CREATE TABLE crm.small AS SELECT g AS id FROM generate_series(1, 50) g`);
    const { id } = await sqlDefinition("Small", "crm.small");
    await requestProfileRun(actor, { id });
    // The request survives a reload of the page until an engine takes it.
    expect((await getProfileDefinition(actor, id)).definition.runRequestedAt).not.toBeNull();

    // A row another engine holds is skipped, not waited for.
    const other = new pg.Client({ connectionString: dbUrl() });
    await other.connect();
    await other.query("BEGIN");
    await other.query(`SELECT 1 FROM "ProfileDefinition" WHERE "id" = $1 FOR UPDATE`, [id]);
    const started = Date.now();
    expect(await runDueProfiles(new Date())).toMatchObject({ ran: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
    await other.query("ROLLBACK");
    await other.end();

    const [a, b] = await Promise.all([runDueProfiles(new Date()), runDueProfiles(new Date())]);
    expect(a.ran + b.ran).toBe(1);
    expect(await db().profileRun.count({ where: { definitionId: id } })).toBe(1);
    expect(await db().profileDefinition.findUniqueOrThrow({ where: { id } })).toMatchObject({ runRequestedAt: null });
    const done = await getProfileDefinition(actor, id);
    expect(done.definition.runRequestedAt).toBeNull();
    expect(done.results?.runId).toBe(done.latestRun?.id);

    // While a newer run is going, the columns shown are the last successful run's.
    await db().profileRun.create({ data: { definitionId: id, status: "running", trigger: "manual" } });
    const during = await getProfileDefinition(actor, id);
    expect(during.latestRun).toMatchObject({ status: "running", columns: [] });
    expect(during.results?.runId).toBe(done.latestRun?.id);
    expect(during.results?.columns.length).toBe(done.latestRun?.columns.length);
  });
});
