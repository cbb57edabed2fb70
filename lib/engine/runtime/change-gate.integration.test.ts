import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { verifyAuditChain } from "@/lib/services/audit";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import { deployFlowDirect, setDesiredState } from "./deploy";
import type { TEngine } from "./engine";
import { REFUSAL_ACTION } from "./refusal-audit";
import {
  bindChange,
  bootEngine,
  deploymentState,
  startHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
  waitForDeployment,
  waitForRefusal,
} from "./test-harness";

const dbUrl = useTestDatabase();

describe("the engine enforces the CAB's decision in production", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  const queues: string[] = [];

  const spec = (flowName: string, extra: Partial<TFlowSpecInput> = {}): TFlowSpecInput => {
    queues.push(`sb.flow.${flowName}.prod`, `sb.flow.${flowName}.dev`);
    return {
      name: flowName,
      input: { use: "http", config: { path: `/${flowName}` } },
      outputs: [{ id: "out", use: "http", config: { url: target.url } }],
      ...extra,
    };
  };
  const deploy = (flowName: string, s: TFlowSpecInput, environmentKey = "prod") =>
    deployFlowDirect(pool, { flowName, environmentKey, deployedBy: "test", spec: s });
  const refusals = async (deploymentId: string) =>
    (
      await pool.query<{ actorEmail: string; after: { reason: string } }>(
        `SELECT "actorEmail", "after" FROM "AuditEntry" WHERE "action" = $1 AND "entityId" = $2 ORDER BY "seq"`,
        [REFUSAL_ACTION, deploymentId],
      )
    ).rows;
  const polls = (n: number) => new Promise((r) => setTimeout(r, n * 500 + 100));

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    engine = await bootEngine(dbUrl(), "postgres");
    target = await startHttpTarget();
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await target.close();
    await pool.end();
  });

  it("refuses an unapproved prod version, audits it once, and runs it once its change is approved, without a restart", async () => {
    const flowName = uniq("gate");
    const d = await deploy(flowName, spec(flowName));
    const reason = await waitForRefusal(pool, d.deploymentId, /no approved change is bound/);
    expect(reason).toBe(
      `no approved change is bound to prod deployment of ${flowName} v1 (hash ${d.contentHash.slice(0, 12)}…)`,
    );
    await polls(3);
    // Once, though every poll re-checks it.
    expect(await refusals(d.deploymentId)).toEqual([
      { actorEmail: "system:engine", after: expect.objectContaining({ reason, flow: flowName, environment: "prod" }) },
    ]);
    expect(engine.runtime.findWorker(flowName, "prod")).toBeUndefined();

    const change = await bindChange(pool, d.deploymentId, { status: "submitted" });
    await waitForRefusal(pool, d.deploymentId, new RegExp(`^CHG-${change.number} is submitted, not approved$`));
    await waitFor(async () => (await refusals(d.deploymentId)).length === 2, "the new reason audited");
    expect((await refusals(d.deploymentId)).map((r) => r.after.reason)).toEqual([
      reason,
      `CHG-${change.number} is submitted, not approved`,
    ]);

    // The CAB's quorum (another service) sets the status; the ChangeRequest trigger wakes the engine.
    await pool.query(`UPDATE "ChangeRequest" SET "status" = 'approved' WHERE "id" = $1`, [change.changeId]);
    await waitForDeployment(pool, d.deploymentId, "running", flowName);
    const state = await deploymentState(pool, d.deploymentId);
    expect(state.actualError).toBeNull();
    expect(state.activatedAt).toBeInstanceOf(Date);
    const res = await fetch(`http://127.0.0.1:${engine.port}/api/prod/${flowName}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hello: "prod" }),
    });
    expect(res.ok).toBe(true);
    await waitFor(() => target.received.some((r) => r.body.includes('"prod"')), "the approved flow delivered");
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("bounds the first activation by the change's window, not a restart after it", async () => {
    const flowName = uniq("window");
    const d = await deploy(flowName, spec(flowName));
    const start = new Date(Date.now() + 3_600_000);
    const change = await bindChange(pool, d.deploymentId, {
      windowStart: start,
      windowEnd: new Date(start.getTime() + 2 * 3_600_000),
    });
    await waitForRefusal(pool, d.deploymentId, new RegExp(`^CHG-${change.number}'s window .* UTC has not started$`));
    await pool.query(
      `UPDATE "ChangeRequest" SET "windowStart" = (now() AT TIME ZONE 'UTC') - interval '2 hours', "windowEnd" = (now() AT TIME ZONE 'UTC') - interval '1 hour' WHERE "id" = $1`,
      [change.changeId],
    );
    await waitForRefusal(pool, d.deploymentId, /window .* has ended/);
    await pool.query(
      `UPDATE "ChangeRequest" SET "windowEnd" = (now() AT TIME ZONE 'UTC') + interval '1 hour' WHERE "id" = $1`,
      [change.changeId],
    );
    await waitForDeployment(pool, d.deploymentId, "running", flowName);
    // It ran; the window closes; a restart (stop, start) must not stop it from running again.
    await pool.query(
      `UPDATE "ChangeRequest" SET "windowEnd" = (now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE "id" = $1`,
      [change.changeId],
    );
    await setDesiredState(pool, d.deploymentId, "stopped");
    await waitFor(async () => (await deploymentState(pool, d.deploymentId)).actualState === "stopped", "stopped");
    await setDesiredState(pool, d.deploymentId, "running");
    await waitForDeployment(pool, d.deploymentId, "running", `${flowName} after its window`);
  });

  it("refuses an approved change whose version content was edited in the database", async () => {
    const flowName = uniq("edited");
    const d = await deploy(flowName, spec(flowName));
    const change = await bindChange(pool, d.deploymentId);
    await waitForDeployment(pool, d.deploymentId, "running", flowName);
    await setDesiredState(pool, d.deploymentId, "stopped");
    await waitFor(async () => (await deploymentState(pool, d.deploymentId)).actualState === "stopped", "stopped");
    await pool.query(
      `UPDATE "FlowVersion" SET "spec" = jsonb_set("spec", '{outputs,0,config,url}', '"http://127.0.0.1:9/elsewhere"') WHERE "id" = $1`,
      [d.flowVersionId],
    );
    await setDesiredState(pool, d.deploymentId, "running");
    const reason = await waitForRefusal(pool, d.deploymentId, /^content no longer matches the hash CHG-\d+ approved/);
    expect(reason).toContain(`CHG-${change.number}`);
    expect(engine.runtime.findWorker(flowName, "prod")).toBeUndefined();
  });

  it("refuses a Deployment row inserted straight into the database", async () => {
    const flowName = uniq("raw");
    const dev = await deploy(flowName, spec(flowName), "dev");
    await waitForDeployment(pool, dev.deploymentId, "running", flowName);
    await pool.query(
      `INSERT INTO "Deployment" ("id", "flowId", "flowVersionId", "environmentId", "contentHash", "desiredState", "activeSlot", "deployedBy", "updatedAt")
       VALUES ($1, $2, $3, 'env_prod', $4, 'running', $2 || ':env_prod', 'psql', now())`,
      [`raw-${flowName}`, dev.flowId, dev.flowVersionId, dev.contentHash],
    );
    await waitForRefusal(pool, `raw-${flowName}`, /^no approved change is bound to prod deployment/);
    await waitFor(async () => (await refusals(`raw-${flowName}`)).length === 1, "the refusal audited");
    await polls(2);
    expect(await refusals(`raw-${flowName}`)).toHaveLength(1);
    expect(engine.runtime.findWorker(flowName, "prod")).toBeUndefined();
  });

  it("blocks a personal-data flow in prod while its owner's attestation is lapsed, and runs it after a fresh one", async () => {
    const flowName = uniq("pii");
    const d = await deploy(flowName, spec(flowName));
    const domain = uniq("customer");
    await pool.query(
      `INSERT INTO "DataDomain" ("id", "key", "name", "classification") VALUES ($1, $1, 'Customer master', 'personal')`,
      [domain],
    );
    await pool.query(
      `INSERT INTO "Ownership" ("id", "dataDomainId", "ownerId", "updatedAt") VALUES ($1, $1, 'owner-1', now())`,
      [domain],
    );
    await pool.query(
      `INSERT INTO "Attestation" ("id", "ownershipId", "signedById", "signedAt", "expiresAt") VALUES ($1 || '-old', $1, 'owner-1', now() - interval '200 days', '2026-01-15T00:00:00Z')`,
      [domain],
    );
    await pool.query(`INSERT INTO "FlowDataDomain" ("flowId", "dataDomainId") VALUES ($1, $2)`, [d.flowId, domain]);
    await bindChange(pool, d.deploymentId);
    const reason = await waitForRefusal(pool, d.deploymentId, /attestation/);
    expect(reason).toMatch(/^the owner's attestation of Customer master \(personal data\) lapsed on 2026-01-15/);

    await pool.query(
      `INSERT INTO "Attestation" ("id", "ownershipId", "signedById", "signedAt", "expiresAt") VALUES ($1 || '-new', $1, 'owner-1', now(), now() + interval '180 days')`,
      [domain],
    );
    // Nothing NOTIFYs on an attestation: the poll re-checks refused deployments.
    await waitForDeployment(pool, d.deploymentId, "running", flowName);
  });

  it("refuses activation naming a missing variable or secret, and resolves them once set (values never shown)", async () => {
    const flowName = uniq("secret");
    const envVar = `SB_TEST_${flowName.replace(/-/g, "_").toUpperCase()}`;
    const d = await deploy(
      flowName,
      spec(flowName, {
        outputs: [
          {
            id: "out",
            use: "http",
            config: { url: "${vars.TARGET_URL}", headers: { authorization: "Bearer ${secrets.ERP_TOKEN}" } },
          },
        ],
      }),
      "dev",
    );
    await waitForRefusal(
      pool,
      d.deploymentId,
      /variable TARGET_URL not set in dev; secret ERP_TOKEN not referenced in dev/,
    );
    await pool.query(
      `INSERT INTO "EnvironmentVariable" ("environmentId", "name", "value", "updatedAt") VALUES ('env_dev', 'TARGET_URL', $1, now())`,
      [target.url],
    );
    await pool.query(
      `INSERT INTO "SecretReference" ("environmentId", "name", "provider", "reference", "updatedAt") VALUES ('env_dev', 'ERP_TOKEN', 'env', $1, now())`,
      [envVar],
    );
    const reason = await waitForRefusal(pool, d.deploymentId, /secret ERP_TOKEN unavailable/);
    expect(reason).toContain(`the engine's environment has no ${envVar}`);
    expect(reason).not.toContain(target.url);

    const secretValue = "tok-" + flowName;
    process.env[envVar] = secretValue;
    try {
      await waitForDeployment(pool, d.deploymentId, "running", flowName);
      const res = await fetch(`http://127.0.0.1:${engine.port}/api/dev/${flowName}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ resolved: flowName }),
      });
      expect(res.ok).toBe(true);
      await waitFor(() => target.received.some((r) => r.body.includes(flowName)), "delivered to the resolved URL");
      // The version keeps the placeholders (its hash is of them); no row holds the value.
      const stored = await pool.query(`SELECT "spec"::text AS s FROM "FlowVersion" WHERE "id" = $1`, [d.flowVersionId]);
      expect(stored.rows[0].s).toContain("${secrets.ERP_TOKEN}");
      const leaks = await pool.query(
        `SELECT (SELECT count(*) FROM "AuditEntry" WHERE "after"::text LIKE '%' || $1 || '%')
              + (SELECT count(*) FROM "Deployment" WHERE "actualError" LIKE '%' || $1 || '%') AS n`,
        [secretValue],
      );
      expect(Number(leaks.rows[0].n)).toBe(0);
    } finally {
      delete process.env[envVar];
    }
  });
});
