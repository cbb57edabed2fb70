import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage, withBody } from "@/lib/engine/core/message";
import type { TStepEvent } from "@/lib/engine/core/observer";
import type { TRunResult } from "@/lib/engine/core/runner";
import { loadReferenceFlow } from "@/lib/engine/fixtures";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TRunContext } from "./context";
import { deployFlowDirect } from "./deploy";
import { LineageWriter, purgeLineage } from "./lineage";
import { hashBody } from "./payload";

const dbUrl = useTestDatabase();

function step(runId: string, stepId: string, startedAt: number, extra: Partial<TStepEvent> = {}): TStepEvent {
  return {
    runId,
    flow: "f",
    correlationId: "c",
    messageId: "m",
    stepId,
    stepKind: "step",
    use: "transform_jsonata",
    outcome: "ok",
    attempts: 1,
    durationMs: 2.4,
    startedAt,
    messages: [],
    ...extra,
  };
}

function result(
  runId: string,
  status: TRunResult["status"],
  delivered: TRunResult["delivered"] = [],
  deadLetters: TRunResult["deadLetters"] = [],
): TRunResult {
  return { runId, correlationId: "corr", status, delivered, deadLetters, failures: [], durationMs: 12.6 };
}

describe("lineage writer", () => {
  let pool: pg.Pool;
  let ctx: TRunContext;
  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 2);
    const d = await deployFlowDirect(pool, {
      flowName: "lineage-test",
      spec: loadReferenceFlow(),
      environmentKey: "test",
      deployedBy: "test",
    });
    ctx = {
      flowId: d.flowId,
      flowName: "lineage-test",
      flowVersionId: d.flowVersionId,
      environmentId: d.environmentId,
      environmentKey: "test",
      deploymentId: d.deploymentId,
    };
  });
  afterAll(() => pool.end());

  it("writes each run's row with hashes, its steps at their offsets, and payloads as retention says", async () => {
    const lineage = new LineageWriter(pool, "failed");
    const t0 = Date.parse("2026-11-26T10:00:00.000Z");
    const ok = createMessage({
      id: "lin-ok",
      correlationId: "corr-1",
      body: { orderId: "PO-1", note: 'quote " and \\ backslash' },
    });
    const out = withBody(ok, { id: "PO-1" }, "application/json");
    lineage.onStep(step("run-ok", "validate", t0));
    lineage.onStep(step("run-ok", "transform", t0 + 3));
    lineage.onStep(step("run-ok", "priority_out", t0 + 7, { stepKind: "output", use: "queue", messages: [out] }));
    const bad = createMessage({ id: "lin-bad", body: { orderId: "nope" } });
    lineage.onStep(step("run-bad", "validate", t0, { outcome: "failed", error: "orderId: must match pattern" }));
    const dead = {
      flow: "f",
      runId: "run-bad",
      originalMessage: bad,
      failedMessage: bad,
      failedStep: "validate",
      error: "orderId: must match pattern",
      errorClass: "permanent" as const,
      attempts: [],
      deadLetteredAt: new Date(t0).toISOString(),
    };
    await Promise.all([
      lineage.record({
        ctx,
        input: ok,
        result: result("run-ok", "ok", [{ outputId: "priority_out", message: out }]),
        startedAt: t0,
        attempt: 1,
      }),
      lineage.record({
        ctx,
        input: bad,
        result: result("run-bad", "dead_lettered", [], [dead]),
        startedAt: t0,
        attempt: 2,
      }),
    ]);
    while (lineage.queued) await new Promise((r) => setTimeout(r, 20));
    lineage.close();

    const { rows } = await pool.query(
      `SELECT "id", "messageId", "correlationId", "deploymentId", "status", "attempt", "inputHash", "outputHash", "inputPayload", "outputPayload", "error",
              "startedAt", "finishedAt", "durationMs", "steps" FROM "MessageRun" WHERE "id" IN ('run-ok', 'run-bad') ORDER BY "id" DESC`,
    );
    expect(rows).toHaveLength(2);
    const [okRow, badRow] = rows;
    expect(okRow).toMatchObject({
      messageId: "lin-ok",
      correlationId: "corr-1",
      deploymentId: ctx.deploymentId,
      status: "succeeded",
      attempt: 1,
      inputHash: hashBody(ok.body),
      outputHash: hashBody(out.body),
      inputPayload: null,
      outputPayload: null,
      error: null,
      durationMs: 13,
    });
    expect((okRow.startedAt as Date).toISOString()).toBe("2026-11-26T10:00:00.000Z");
    expect((okRow.finishedAt as Date).getTime() - t0).toBe(13);
    expect(okRow.steps).toEqual([
      {
        step: "validate",
        kind: "step",
        component: "transform_jsonata",
        status: "ok",
        attempts: 1,
        durationMs: 2,
        offsetMs: 0,
      },
      {
        step: "transform",
        kind: "step",
        component: "transform_jsonata",
        status: "ok",
        attempts: 1,
        durationMs: 2,
        offsetMs: 3,
      },
      {
        step: "priority_out",
        kind: "output",
        component: "queue",
        status: "ok",
        attempts: 1,
        durationMs: 2,
        offsetMs: 7,
      },
    ]);
    // Retention "failed": the failed run keeps its input, exactly as it arrived.
    expect(badRow).toMatchObject({
      status: "dead_lettered",
      attempt: 2,
      outputHash: null,
      error: "validate: orderId: must match pattern",
    });
    expect(JSON.parse(badRow.inputPayload as string)).toEqual(bad.body);
    expect(badRow.steps).toEqual([
      {
        step: "validate",
        kind: "step",
        component: "transform_jsonata",
        status: "failed",
        attempts: 1,
        durationMs: 2,
        offsetMs: 0,
        error: "orderId: must match pattern",
      },
    ]);
  });

  it("keeps every payload with retention all, including text with quotes and newlines", async () => {
    const lineage = new LineageWriter(pool, "all");
    const input = createMessage({ id: "lin-all", body: 'line one\n"two"\t\\three' });
    await lineage.record({
      ctx,
      input,
      result: result("run-all", "ok", [{ outputId: "o", message: input }]),
      startedAt: Date.now(),
      attempt: 1,
    });
    while (lineage.queued) await new Promise((r) => setTimeout(r, 20));
    lineage.close();
    const { rows } = await pool.query(
      `SELECT "inputPayload", "outputPayload", "steps" FROM "MessageRun" WHERE "id" = 'run-all'`,
    );
    expect(rows).toEqual([{ inputPayload: input.body, outputPayload: input.body, steps: [] }]);
  });

  it("writes the runs of several deployments in one batch, each with its own flow, version, environment and deployment", async () => {
    const other = await deployFlowDirect(pool, {
      flowName: "lineage-other",
      spec: loadReferenceFlow(),
      environmentKey: "dev",
      deployedBy: "test",
    });
    const otherCtx: TRunContext = {
      flowId: other.flowId,
      flowName: "lineage-other",
      flowVersionId: other.flowVersionId,
      environmentId: other.environmentId,
      environmentKey: "dev",
      deploymentId: other.deploymentId,
    };
    const lineage = new LineageWriter(pool, "none");
    await Promise.all(
      [ctx, otherCtx, ctx].map((c, i) =>
        lineage.record({
          ctx: c,
          input: createMessage({ id: `mix-${i}`, body: { i } }),
          result: result(`run-mix-${i}`, "ok"),
          startedAt: Date.now(),
          attempt: 1,
        }),
      ),
    );
    while (lineage.queued) await new Promise((r) => setTimeout(r, 20));
    lineage.close();
    const { rows } = await pool.query(
      `SELECT "messageId", "flowId", "flowVersionId", "environmentId", "deploymentId" FROM "MessageRun" WHERE "id" LIKE 'run-mix-%' ORDER BY 1`,
    );
    const ids = (c: TRunContext) => ({
      flowId: c.flowId,
      flowVersionId: c.flowVersionId,
      environmentId: c.environmentId,
      deploymentId: c.deploymentId,
    });
    expect(rows).toEqual([
      { messageId: "mix-0", ...ids(ctx) },
      { messageId: "mix-1", ...ids(otherCtx) },
      { messageId: "mix-2", ...ids(ctx) },
    ]);
  });

  it("drops runs past retention in batches and keeps the newer ones", async () => {
    const lineage = new LineageWriter(pool, "none");
    const day = 86_400_000;
    const now = Date.now();
    const ages = { "old-1": 40, "old-2": 31, "old-3": 30.5, "young-1": 29, "young-2": 0 };
    await Promise.all(
      Object.entries(ages).map(([id, days]) =>
        lineage.record({
          ctx,
          input: createMessage({ id, body: { id } }),
          result: result(`run-${id}`, "ok"),
          startedAt: now - days * day,
          attempt: 1,
        }),
      ),
    );
    while (lineage.queued) await new Promise((r) => setTimeout(r, 20));
    lineage.close();
    // Batches of two: the loop has to come back for the third old run.
    expect(await purgeLineage(pool, 30 * day, 2)).toBe(3);
    const { rows } = await pool.query(
      `SELECT "messageId" FROM "MessageRun" WHERE "id" LIKE 'run-old-%' OR "id" LIKE 'run-young-%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.messageId)).toEqual(["young-1", "young-2"]);
    expect(await purgeLineage(pool, 30 * day, 2)).toBe(0);
  });
});
