import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { DLQ_BULK_BATCH, type TDeadLetterFilter } from "@/lib/validation/dead-letters";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import { planDeadLetterBulk, runDeadLetterBulkBatch, type DeadLetterBulkPlan } from ".";

withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

type Flow = { flowId: string; versions: string[] };
let orders: Flow;
let invoices: Flow;
let seq = 0;

async function flowWithVersions(name: string, count: number): Promise<Flow> {
  const flow = await db().flow.create({ data: { name, createdBy: "test" } });
  const versions: string[] = [];
  for (let v = 1; v <= count; v++)
    versions.push(
      (
        await db().flowVersion.create({
          data: { flowId: flow.id, version: v, spec: { v }, contentHash: `${name}-${v}`, createdBy: "test" },
        })
      ).id,
    );
  return { flowId: flow.id, versions };
}

// The engine writes dead letters; the test stands in for it, a minute in the past.
async function letters(
  flow: Flow,
  n: number,
  over: { failedStep?: string; version?: number; status?: "pending" | "discarded"; createdAt?: Date } = {},
) {
  const createdAt = over.createdAt ?? new Date(Date.now() - 60_000);
  await db().deadLetter.createMany({
    data: Array.from({ length: n }, () => {
      seq++;
      return {
        flowId: flow.flowId,
        flowVersionId: flow.versions[(over.version ?? 1) - 1],
        environmentId: "env_dev",
        messageId: `bulk-${seq}`,
        correlationId: `corr-${seq}`,
        originalBody: "{}",
        failedStep: over.failedStep ?? "deliver",
        error: `HTTP 503 (${seq})`,
        status: over.status ?? "pending",
        createdAt,
      };
    }),
  });
}

/** Drives a run to its end as the page does; returns the batches' answers. */
async function runAll(
  filter: TDeadLetterFilter,
  plan: DeadLetterBulkPlan,
  action: "replay" | "discard",
  after = null as string | null,
) {
  const batches = [];
  for (;;) {
    const b = await runDeadLetterBulkBatch(engineer, { filter, action, asOf: plan.asOf, after });
    batches.push(b);
    if (b.next === null) return batches;
    after = b.next;
  }
}

const count = (where: object) => db().deadLetter.count({ where });

beforeAll(async () => {
  orders = await flowWithVersions("bulk-filter-orders", 3);
  invoices = await flowWithVersions("bulk-filter-invoices", 1);
});

describe("bulk replay of everything matching the DLQ filter", () => {
  it("counts only pending letters that match, then replays all of them in batches of 500, each audited", async () => {
    await letters(orders, 1234, { failedStep: "deliver" });
    await letters(orders, 7, { failedStep: "enrich" });
    await letters(orders, 5, { failedStep: "deliver", status: "discarded" });
    await letters(invoices, 9, { failedStep: "deliver" });
    const filter = { q: "", filters: { flow: orders.flowId, step: "deliver" } };

    const plan = await planDeadLetterBulk(engineer, { filter, action: "replay" });
    expect(plan).toMatchObject({ total: 1234, flowIds: [orders.flowId], maxFailedVersion: 1 });

    const batches = await runAll(filter, plan, "replay");
    expect(batches.map((b) => b.done)).toEqual([DLQ_BULK_BATCH, DLQ_BULK_BATCH, 234]);
    expect(batches.every((b) => b.skipped === 0)).toBe(true);
    expect(await count({ flowId: orders.flowId, failedStep: "deliver", status: "replay_requested" })).toBe(1234);
    // Nothing outside the filter moved.
    expect(await count({ flowId: orders.flowId, failedStep: "enrich", status: "pending" })).toBe(7);
    expect(await count({ flowId: invoices.flowId, status: "pending" })).toBe(9);
    expect(await count({ flowId: orders.flowId, failedStep: "deliver", status: "discarded" })).toBe(5);
    expect(await db().auditEntry.count({ where: { action: "dlq.replay", actorEmail: engineer.email } })).toBe(1234);
    expect((await planDeadLetterBulk(engineer, { filter, action: "replay" })).total).toBe(0);
  });

  it("never replays a letter twice in one run: not when a batch is retried, nor after its replay failed back to pending", async () => {
    await letters(invoices, 620, { failedStep: "post" });
    const filter = { q: "", filters: { step: "post" } };
    const plan = await planDeadLetterBulk(engineer, { filter, action: "replay" });
    expect(plan.total).toBe(620);
    const first = await runDeadLetterBulkBatch(engineer, { filter, action: "replay", asOf: plan.asOf, after: null });
    expect(first).toMatchObject({ done: 500, next: expect.any(String) });

    // The engine tried 20 of them and failed to publish: they are pending again, with the error.
    const failed = await db().deadLetter.findMany({
      where: { failedStep: "post", status: "replay_requested" },
      select: { id: true },
      take: 20,
    });
    await db().deadLetter.updateMany({
      where: { id: { in: failed.map((f) => f.id) } },
      data: { status: "pending", replayError: "broker unavailable" },
    });
    // A letter that arrives during the run is left for later.
    await letters(invoices, 1, { failedStep: "post", createdAt: new Date(new Date(plan.asOf).getTime() + 1) });

    // The client lost the first answer and sends the same batch again: nothing is taken twice.
    const retried = await runDeadLetterBulkBatch(engineer, { filter, action: "replay", asOf: plan.asOf, after: null });
    expect(retried.done).toBe(120);
    expect(retried.next).toBeNull();
    // Resuming from the first batch's cursor finds nothing left either.
    const resumed = await runDeadLetterBulkBatch(engineer, {
      filter,
      action: "replay",
      asOf: plan.asOf,
      after: first.next,
    });
    expect(resumed).toMatchObject({ done: 0, next: null });

    const audits = await db().auditEntry.groupBy({
      by: ["entityId"],
      where: { action: "dlq.replay", entityId: { in: failed.map((f) => f.id) } },
      _count: { _all: true },
    });
    expect(audits).toHaveLength(20);
    expect(audits.every((a) => a._count._all === 1)).toBe(true);
    expect(await count({ id: { in: failed.map((f) => f.id) }, status: "pending" })).toBe(20);
    // The 20 failed replays and the late arrival are pending for a later run, which counts them.
    expect((await planDeadLetterBulk(engineer, { filter, action: "replay" })).total).toBe(21);
  });

  it("replays to a newer version only when the letters are of one flow and none failed on a newer one", async () => {
    await letters(orders, 3, { failedStep: "target", version: 1 });
    await letters(orders, 2, { failedStep: "target", version: 2 });
    const filter = { q: "", filters: { flow: orders.flowId, step: "target" } };
    const tooOld = await rejection(
      planDeadLetterBulk(engineer, { filter, action: "replay", targetVersionId: orders.versions[0] }),
    );
    expect(tooOld.fieldErrors?.targetVersionId?.[0]).toMatch(/version 2 or newer/);
    await letters(invoices, 1, { failedStep: "target" });
    const mixed = await rejection(
      planDeadLetterBulk(engineer, {
        filter: { q: "", filters: { step: "target" } },
        action: "replay",
        targetVersionId: orders.versions[2],
      }),
    );
    expect(mixed.code).toBe("VALIDATION");

    const plan = await planDeadLetterBulk(engineer, { filter, action: "replay", targetVersionId: orders.versions[2] });
    expect(plan).toMatchObject({ total: 5, maxFailedVersion: 2 });
    const [batch] = await runAll(filter, plan, "replay");
    expect(batch.done).toBe(5);
    const rows = await db().deadLetter.findMany({ where: { flowId: orders.flowId, failedStep: "target" } });
    // runAll sends no target: each replays on the version it failed on.
    expect(rows.every((r) => r.status === "replay_requested" && r.replayFlowVersionId === null)).toBe(true);
  });
});

describe("bulk discard of everything matching the DLQ filter", () => {
  it("discards every matching pending letter, skips what someone else replayed meanwhile, and is refused to readers", async () => {
    await letters(invoices, 510, { failedStep: "archive" });
    const filter = { q: "HTTP 503", filters: { step: "archive" } };
    expect((await rejection(planDeadLetterBulk(viewer, { filter, action: "discard" }))).code).toBe("FORBIDDEN");
    const plan = await planDeadLetterBulk(engineer, { filter, action: "discard" });
    expect(plan.total).toBe(510);
    // Someone replays three of them from the list after the count.
    const taken = await db().deadLetter.findMany({ where: { failedStep: "archive" }, select: { id: true }, take: 3 });
    await db().deadLetter.updateMany({
      where: { id: { in: taken.map((t) => t.id) } },
      data: { status: "replay_requested", replayRequestedAt: new Date() },
    });
    const batches = await runAll(filter, plan, "discard");
    expect(batches.reduce((n, b) => n + b.done, 0)).toBe(507);
    expect(await count({ failedStep: "archive", status: "discarded" })).toBe(507);
    expect(await count({ id: { in: taken.map((t) => t.id) }, status: "replay_requested" })).toBe(3);
    expect((await rejection(runDeadLetterBulkBatch(viewer, { filter, action: "discard", asOf: plan.asOf }))).code).toBe(
      "FORBIDDEN",
    );
  });
});
