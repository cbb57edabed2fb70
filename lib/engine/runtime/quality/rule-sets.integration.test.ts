import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { createRuleSet, deployRuleSetVersion, saveRuleSetVersion } from "@/lib/services/quality/rules";
import { useTestDatabase } from "@/test/db";
import type { TEngine } from "../engine";
import { bootEngine, deployRunning, startRecordingHttpTarget, stopEngineSuite, uniq, waitFor } from "../test-harness";

const dbUrl = useTestDatabase();
const owner: Actor = { id: null, email: "owner@example.com", name: "Owner", role: "data_owner" };

const good = { id: "o-1", email: "a@example.com", qty: 2 };
const bad = { id: "o-2", email: "not-an-email", qty: 2 };
const noQty = { id: "o-3", email: "c@example.com", qty: 0 };

// The engine as it runs: the rule set saved and deployed through the portal's service, loaded by the
// engine's rule-set part, enforced by the registered validate_rules, failing records in the Postgres quarantine.
describe("deployed rule sets on a live flow", () => {
  let pool: pg.Pool;
  let engine: TEngine;
  const queues: string[] = [];
  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    // Long polling: a new version must arrive through the deployment's NOTIFY.
    engine = await bootEngine(dbUrl(), "postgres", { pollMs: 60_000 });
  });
  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await pool.end();
  });

  const post = (path: string, body: unknown) =>
    fetch(`http://127.0.0.1:${engine.port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("quarantines failing records of the deployed version, counts and samples them, and follows a new deployment", async () => {
    const user = await db().user.create({
      data: { email: "dora@example.com", name: "Dora", passwordHash: "x", role: "data_owner" },
    });
    const key = uniq("orders").toLowerCase();
    const { id: ruleSetId } = await createRuleSet(owner, { key, name: "Orders", ownerId: user.id });
    const v1 = await saveRuleSetVersion(owner, {
      ruleSetId,
      document: { rules: [{ id: "email", field: "email", check: "format", format: "email" }] },
    });
    await deployRuleSetVersion(owner, { versionId: v1.versionId, environmentId: "env_dev" });

    const target = await startRecordingHttpTarget();
    const flowName = uniq("rules-live");
    queues.push(`sb.flow.${flowName}.dev`);
    const flow = await deployRunning(pool, flowName, {
      input: { use: "http", config: { path: `/${flowName}` } },
      steps: [{ id: "validate", use: "validate_rules", config: { ruleSet: key } }],
      outputs: [{ id: "out", use: "http", config: { url: target.url } }],
    });

    expect((await post(`/flows/${flowName}/dev`, [good, bad])).status).toBeLessThan(300);
    await waitFor(() => target.records.length === 1, "the passing record at the target");
    expect(JSON.parse(target.records[0].body)).toEqual([good]);
    const entry = await waitFor(async () => {
      const r = await pool.query(`SELECT * FROM "QuarantineEntry" WHERE "ruleSetKey" = $1`, [key]);
      return r.rows[0] as Record<string, unknown> | undefined;
    }, "the failing record quarantined");
    expect(entry).toMatchObject({ ruleSetVersionId: v1.versionId, stepId: "validate", recordIndex: 1, record: bad });
    expect(entry.violations).toEqual([
      { ruleId: "email", field: "email", value: "not-an-email", message: "email must be an email address" },
    ]);

    // Counts per minute (the accuracy SLA's input) and the sample (the impact preview's input), flushed in batches.
    const minute = await waitFor(async () => {
      const r = await pool.query(
        `SELECT "flowId", "environmentId", "stepId", "records", "passed", "failed" FROM "QualityCheckMinute" WHERE "ruleSetKey" = $1`,
        [key],
      );
      return r.rows[0];
    }, "the check counts");
    expect(minute).toEqual({
      flowId: flow.flowId,
      environmentId: "env_dev",
      stepId: "validate",
      records: 2,
      passed: 1,
      failed: 1,
    });
    const samples = await waitFor(async () => {
      const r = await pool.query(`SELECT "record" FROM "QualityRecordSample" WHERE "ruleSetKey" = $1 ORDER BY "id"`, [
        key,
      ]);
      return r.rows.length === 2 ? r.rows.map((x) => x.record) : null;
    }, "the record sample");
    expect(samples).toEqual([good, bad]);

    // v2 adds a quantity rule; deploying it NOTIFYs the engine, which enforces it from the next message.
    const v2 = await saveRuleSetVersion(owner, {
      ruleSetId,
      document: {
        rules: [
          { id: "email", field: "email", check: "format", format: "email" },
          { id: "qty", field: "qty", check: "range", min: 1 },
        ],
      },
    });
    await deployRuleSetVersion(owner, { versionId: v2.versionId, environmentId: "env_dev" });
    const quarantinedByV2 = await waitFor(
      async () => {
        await post(`/flows/${flowName}/dev`, noQty);
        const r = await pool.query(
          `SELECT count(*)::int AS n FROM "QuarantineEntry" WHERE "ruleSetKey" = $1 AND "ruleSetVersionId" = $2`,
          [key, v2.versionId],
        );
        return r.rows[0].n > 0 ? r.rows[0].n : null;
      },
      "the record quarantined by v2",
      10_000,
      500,
    );
    expect(quarantinedByV2).toBeGreaterThan(0);
    await target.close();
  });
});
