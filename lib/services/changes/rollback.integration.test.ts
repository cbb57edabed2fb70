import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createMessage } from "@/lib/engine/core/message";
import type { TEngine } from "@/lib/engine/runtime/engine";
import {
  bootEngine,
  deployApproved,
  startHttpTarget,
  startRecordingHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
  waitForDeployment,
} from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import { engineJobs } from "@/lib/engine-process/jobs";
import { executeRestorationStep, getRestorationPlan, skipRestorationStep } from "./restoration";
import { rollbackEnvironment } from "./rollback";

const dbUrl = useTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const fastRetry = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, multiplier: 2 };

type TBody = { n: number; v: number };

/** v1 maps every order; the bad v2 marks its output v2 and dead-letters odd orders (schema: n even). */
function specs(
  inQueue: string,
  url: string,
): { good: Omit<TFlowSpecInput, "name">; bad: Omit<TFlowSpecInput, "name"> } {
  const output = [{ id: "erp", use: "http", config: { url } }];
  return {
    good: {
      input: { use: "queue", config: { queue: inQueue } },
      steps: [{ id: "map", use: "transform_jsonata", config: { expression: "{ 'n': n, 'v': 1 }" } }],
      outputs: output,
      policy: { retry: fastRetry },
    },
    bad: {
      input: { use: "queue", config: { queue: inQueue } },
      steps: [
        {
          id: "check",
          use: "validate_json_schema",
          config: { schema: { type: "object", properties: { n: { multipleOf: 2 } } } },
        },
        { id: "map", use: "transform_jsonata", config: { expression: "{ 'n': n, 'v': 2 }" } },
      ],
      outputs: output,
      policy: { retry: fastRetry },
    },
  };
}

describe.each(["postgres", "rabbitmq"] as const)("rollback on %s", (kind) => {
  let engine: TEngine;
  let pool: pg.Pool;
  const queues: string[] = [];

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 4);
    engine = await bootEngine(dbUrl(), kind);
  });
  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await pool.end();
  });

  it("under traffic loses no message, and its restoration plan lists exactly what the bad version handled", async () => {
    const target = await startRecordingHttpTarget({ delayMs: 40 });
    const flowName = uniq("rb");
    const inQueue = uniq("sb-test.rb-in");
    queues.push(inQueue, `sb.flow.${flowName}.prod`);
    const { good, bad } = specs(inQueue, target.url);
    const v1 = await deployApproved(pool, flowName, good);
    const received = () => target.records.map((r) => JSON.parse(r.body) as TBody);
    const send = (n: number) => engine.transport.publish(inQueue, createMessage({ body: { n } }));
    for (let n = 0; n < 5; n++) await send(n);
    await waitFor(() => received().length === 5, "v1 handled the first orders");
    const v2 = await deployApproved(pool, flowName, bad);

    // Orders keep coming throughout: the rollback lands while messages are in flight and queued.
    const N = 160;
    let sent = 5;
    let rollback: ReturnType<typeof rollbackEnvironment> | null = null;
    while (sent < N) {
      await send(sent++);
      if (sent === 60) {
        await waitFor(() => received().some((b) => b.v === 2), "v2 delivering");
        // Not awaited: orders keep arriving while the rollback commits and the engine switches.
        rollback = rollbackEnvironment(engineer, {
          flowId: v1.flowId,
          environmentKey: "prod",
          reason: "v2 dead-letters odd orders",
        });
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const rolledBack = await rollback;
    expect(rolledBack).toMatchObject({ fromVersion: 2, toVersion: 1, badDeploymentId: v2.deploymentId });
    const rb = rolledBack!;
    await waitForDeployment(pool, rb.goodDeploymentId, "running", "v1 again");
    await waitFor(async () => (await engine.transport.depth(inQueue)) === 0, "input queue drained");

    // What the bad version handled, from lineage; the plan lists exactly those messages.
    const badRuns = async () =>
      (
        await pool.query<{ messageId: string }>(
          `SELECT DISTINCT "messageId" FROM "MessageRun" WHERE "deploymentId" = $1 ORDER BY 1`,
          [v2.deploymentId],
        )
      ).rows.map((r) => r.messageId);
    const letters = await db().deadLetter.findMany({ where: { deploymentId: v2.deploymentId } });
    let plan = await waitFor(async () => {
      const p = await getRestorationPlan(engineer, rb.changeId);
      const handled = await badRuns();
      return p && handled.length > 0 && p.steps.length === handled.length ? p : null;
    }, "the plan caught up with the bad version's lineage");
    await new Promise((r) => setTimeout(r, 1_500));
    plan = (await getRestorationPlan(engineer, rb.changeId))!;
    expect(plan.steps.map((s) => s.messageId).sort()).toEqual(await badRuns());
    expect(new Set(plan.steps.map((s) => s.messageId)).size).toBe(plan.steps.length);
    const replays = plan.steps.filter((s) => s.kind === "replay");
    expect(replays.map((s) => s.deadLetterId).sort()).toEqual(letters.map((l) => l.id).sort());
    expect(replays.length).toBeGreaterThan(0);
    const compensations = plan.steps.filter((s) => s.kind === "compensate");
    expect(compensations.length).toBeGreaterThan(0);
    expect(compensations[0].description).toMatch(
      new RegExp(`${flowName} v2 delivered message .* to erp \\(http, url ${target.url}\\)`),
    );
    expect(compensations[0].canReplay).toBe(true);

    // The change: an emergency change from the portal rolling back v2's, implemented; v2's is rolled back.
    const change = await db().changeRequest.findUniqueOrThrow({ where: { id: rb.changeId }, include: { items: true } });
    expect(change).toMatchObject({
      type: "emergency",
      status: "implemented",
      source: "portal",
      rollbackOfId: v2.changeId,
    });
    expect(change.items).toMatchObject([{ kind: "flow", versionId: v1.flowVersionId, contentHash: v1.contentHash }]);
    expect((await db().changeRequest.findUniqueOrThrow({ where: { id: v2.changeId } })).status).toBe("rolled_back");
    expect((await db().deployment.findUniqueOrThrow({ where: { id: v2.deploymentId } })).rolledBackAt).not.toBeNull();
    const goodRow = await db().deployment.findUniqueOrThrow({ where: { id: rb.goodDeploymentId } });
    expect(goodRow).toMatchObject({
      flowVersionId: v1.flowVersionId,
      changeRequestId: rb.changeId,
      activeSlot: `${v1.flowId}:env_prod`,
    });

    // Replaying the dead letters on the good version: then every order reached the target.
    for (const step of replays) await executeRestorationStep(engineer, { stepId: step.id, note: "replayed on v1" });
    const missing = () => {
      const seen = new Set(received().map((b) => b.n));
      return Array.from({ length: N }, (_, n) => n).filter((n) => !seen.has(n));
    };
    await waitFor(() => missing().length === 0, "every order at the target", 30_000);
    const replayedBodies = received().filter((b) => b.n % 2 === 1 && b.v === 1);
    for (const step of replays) {
      const letter = letters.find((l) => l.id === step.deadLetterId)!;
      expect(replayedBodies.some((b) => b.n === (JSON.parse(letter.originalBody) as TBody).n)).toBe(true);
    }
    // v2 never delivered an odd order.
    expect(received().filter((b) => b.v === 2 && b.n % 2 === 1)).toEqual([]);

    // Compensations are tracked: one done with a note, the rest skipped; then the plan is done.
    const done = await executeRestorationStep(engineer, { stepId: compensations[0].id, note: "credit note issued" });
    expect(done.step).toMatchObject({ status: "done", doneBy: "engineer@example.com", note: "credit note issued" });
    for (const s of compensations.slice(1))
      await skipRestorationStep(engineer, { stepId: s.id, note: "v2 output was equivalent" });
    const finished = (await getRestorationPlan(engineer, rb.changeId))!;
    expect(finished.status).toBe("done");
    expect(finished.counts).toEqual({
      pending: 0,
      done: replays.length + 1,
      skipped: compensations.length - 1,
      failed: 0,
    });
    await expect(executeRestorationStep(engineer, { stepId: compensations[0].id })).rejects.toThrow(/already done/);
    await target.close();
  });

  // The rest does not depend on the transport.
  it.runIf(kind === "postgres")(
    "refuses a rollback with no earlier good version, and needs change:implement",
    async () => {
      const target = await startRecordingHttpTarget();
      const flowName = uniq("rb-first");
      const inQueue = uniq("sb-test.rb-first");
      queues.push(inQueue);
      const v1 = await deployApproved(pool, flowName, specs(inQueue, target.url).good);
      await expect(
        rollbackEnvironment(engineer, { flowId: v1.flowId, environmentKey: "prod", reason: "nothing to go back to" }),
      ).rejects.toThrow(/no earlier good version/);
      const viewer: Actor = { ...engineer, role: "viewer" };
      await expect(
        rollbackEnvironment(viewer, { flowId: v1.flowId, environmentKey: "prod", reason: "not mine" }),
      ).rejects.toThrow(/change:implement/);
      await target.close();
    },
  );

  it.runIf(kind === "postgres")(
    "rolls back automatically when a new version's error rate breaches the policy, as an emergency change",
    async () => {
      const sink = await startRecordingHttpTarget();
      const failing = await startHttpTarget();
      failing.state.failing = true;
      const flowName = uniq("auto");
      const inQueue = uniq("sb-test.auto-in");
      queues.push(inQueue);
      await pool.query(
        `UPDATE "ChangeRiskPolicy" SET "rollbackErrorRate" = 0.5, "rollbackMinutes" = 15, "rollbackMinMessages" = 10 WHERE "id" = 'default'`,
      );
      const v1 = await deployApproved(pool, flowName, specs(inQueue, sink.url).good);
      const v2 = await deployApproved(pool, flowName, specs(inQueue, failing.url).good);
      // The scheduler runs in a second engine on the same database: the job reads rollups any engine wrote.
      const watcher = await bootEngine(dbUrl(), "postgres", {
        schedulerTickMs: 200,
        schedulerJobs: (deps) => engineJobs(deps).filter((j) => j.name === "auto-rollback"),
      });
      try {
        for (let n = 0; n < 12; n++) await engine.transport.publish(inQueue, createMessage({ body: { n } }));
        const rolled = await waitFor(
          async () =>
            db().changeRequest.findFirst({
              where: { source: "engine", rollbackOfId: v2.changeId },
              include: { items: true },
            }),
          "an automatic rollback",
          30_000,
        );
        expect(rolled).toMatchObject({
          type: "emergency",
          status: "implemented",
          title: `Automatic rollback of ${flowName} v2 in prod`,
          requestedByEmail: "system:engine",
          pirRequired: true,
        });
        expect(rolled.description).toMatch(/error rate 100% \(\d+ of \d+ messages failed or dead-lettered\)/);
        expect(rolled.items).toMatchObject([{ versionId: v1.flowVersionId }]);
        const active = await db().deployment.findFirstOrThrow({ where: { activeSlot: `${v1.flowId}:env_prod` } });
        expect(active).toMatchObject({ flowVersionId: v1.flowVersionId, changeRequestId: rolled.id });
        await waitForDeployment(pool, active.id, "running", "v1 after the automatic rollback");
        // The restoration plan comes with it: the dead letters v2 made are to be replayed on v1.
        const plan = await waitFor(async () => {
          const p = await getRestorationPlan(engineer, rolled.id);
          return p && p.steps.length > 0 ? p : null;
        }, "the automatic rollback's plan");
        expect(plan.steps.every((s) => s.kind === "replay")).toBe(true);
        // Once: the rolled-back deployment is no longer active, so later ticks leave it.
        await new Promise((r) => setTimeout(r, 1_000));
        expect(await db().changeRequest.count({ where: { source: "engine" } })).toBe(1);
      } finally {
        await watcher.stop();
        await sink.close();
        await failing.close();
      }
    },
  );
});
