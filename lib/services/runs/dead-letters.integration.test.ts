import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import {
  discardDeadLetters,
  editAndReplay,
  getDeadLetterOrThrow,
  getMessageJourney,
  listDeadLetters,
  listRuns,
  requestReplay,
} from ".";
import { rejection } from "@/test/rejection";

const url = withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const executive: Actor = { id: null, email: "exec@example.com", name: "Exec", role: "executive" };

let flowId = "";
let otherFlowVersionId = "";
const versions: string[] = [];

// The engine writes flows, runs and dead letters; the tests stand in for it with plain inserts.
async function deadLetter(
  n: number,
  over: Partial<{ failedStep: string; flowVersionId: string; contentType: string }> = {},
) {
  return db().deadLetter.create({
    data: {
      flowId,
      flowVersionId: over.flowVersionId ?? versions[1],
      environmentId: "env_dev",
      messageId: `msg-${n}`,
      correlationId: `corr-${n}`,
      originalBody: JSON.stringify({ orderId: n }),
      contentType: over.contentType ?? "application/json",
      failedStep: over.failedStep ?? "deliver",
      error: `HTTP 503 from target (${n})`,
      attemptHistory: [
        { attempt: 1, at: new Date().toISOString(), step: "deliver", error: "HTTP 503", durationMs: 12 },
      ],
    },
  });
}

beforeAll(async () => {
  const flow = await db().flow.create({ data: { name: "dlq-test", createdBy: "test" } });
  flowId = flow.id;
  for (const v of [1, 2, 3]) {
    const row = await db().flowVersion.create({
      data: { flowId, version: v, spec: { v }, contentHash: `hash-${v}`, createdBy: "test" },
    });
    versions.push(row.id);
  }
  const other = await db().flow.create({
    data: {
      name: "other",
      createdBy: "test",
      versions: { create: { version: 1, spec: {}, contentHash: "h", createdBy: "test" } },
    },
    include: { versions: true },
  });
  otherFlowVersionId = other.versions[0].id;
});

describe("dead letter channel", () => {
  it("lists pending dead letters filtered by flow, step and error text", async () => {
    await deadLetter(1);
    await deadLetter(2, { failedStep: "map" });
    await deadLetter(3);
    const all = await listDeadLetters(engineer, ZListQuery.parse({ filters: { flow: flowId } }));
    expect(all.total).toBe(3);
    expect(
      (await listDeadLetters(engineer, ZListQuery.parse({ filters: { step: "map" } }))).rows.map((r) => r.messageId),
    ).toEqual(["msg-2"]);
    expect((await listDeadLetters(engineer, ZListQuery.parse({ q: "(3)" }))).rows.map((r) => r.messageId)).toEqual([
      "msg-3",
    ]);
  });

  it("marks many for replay, NOTIFYs the engine, skips those not pending, and audits each", async () => {
    const listener = new pg.Client({ connectionString: url() });
    await listener.connect();
    const notes: string[] = [];
    listener.on("notification", (n) => notes.push(n.payload ?? ""));
    await listener.query("LISTEN switchboard_replays");
    try {
      const rows = await db().deadLetter.findMany({
        where: { messageId: { in: ["msg-1", "msg-3"] } },
        orderBy: { messageId: "asc" },
      });
      const result = await requestReplay(engineer, { ids: rows.map((r) => r.id) });
      expect(result.done.sort()).toEqual(rows.map((r) => r.id).sort());
      const after = await db().deadLetter.findMany({ where: { id: { in: result.done } } });
      for (const d of after)
        expect(d).toMatchObject({
          status: "replay_requested",
          replayRequestedBy: engineer.email,
          replayFlowVersionId: null,
        });
      await expect.poll(() => result.done.every((id) => notes.includes(id))).toBe(true);

      const again = await requestReplay(engineer, { ids: [rows[0].id] });
      expect(again).toEqual({ done: [], skipped: [{ id: rows[0].id, reason: "already replay requested" }] });
      const audit = await db().auditEntry.findMany({ where: { action: "dlq.replay" } });
      expect(audit).toHaveLength(2);
    } finally {
      await listener.end();
    }
  });

  it("replays to the same or a newer version of the same flow only", async () => {
    const d = await deadLetter(4);
    expect(
      (await rejection(requestReplay(engineer, { ids: [d.id], targetVersionId: versions[0] }))).fieldErrors
        ?.targetVersionId?.[0],
    ).toMatch(/version 2 or newer/);
    expect((await rejection(requestReplay(engineer, { ids: [d.id], targetVersionId: otherFlowVersionId }))).code).toBe(
      "VALIDATION",
    );
    await requestReplay(engineer, { ids: [d.id], targetVersionId: versions[2] });
    const detail = await getDeadLetterOrThrow(engineer, d.id);
    expect(detail).toMatchObject({ status: "replay_requested", replayVersion: 3 });
    expect(detail.replayTargets.map((t) => t.version)).toEqual([2, 3]);
  });

  it("edits a payload and replays it, auditing the payload before and after with the reason", async () => {
    const d = await deadLetter(5);
    const bad = await rejection(editAndReplay(engineer, { id: d.id, body: "{not json", reason: "fix the order id" }));
    expect(bad.fieldErrors?.body?.[0]).toMatch(/Not valid JSON/);
    expect((await db().deadLetter.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("pending");

    await editAndReplay(engineer, { id: d.id, body: '{"orderId":"5-fixed"}', reason: "fix the order id" });
    const after = await db().deadLetter.findUniqueOrThrow({ where: { id: d.id } });
    expect(after).toMatchObject({
      status: "replay_requested",
      replayBody: '{"orderId":"5-fixed"}',
      originalBody: '{"orderId":5}',
    });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "dlq.edit_replay", entityId: d.id } });
    expect(entry.actorEmail).toBe(engineer.email);
    expect(entry.before).toMatchObject({ body: '{"orderId":5}', status: "pending" });
    expect(entry.after).toMatchObject({
      body: '{"orderId":"5-fixed"}',
      reason: "fix the order id",
      status: "replay_requested",
    });
    expect((await rejection(editAndReplay(engineer, { id: d.id, body: "{}", reason: "again" }))).code).toBe("CONFLICT");
  });

  it("discards with an audit entry, and only for roles with dlq:replay", async () => {
    const d = await deadLetter(6);
    expect((await rejection(discardDeadLetters(executive, { ids: [d.id] }))).code).toBe("FORBIDDEN");
    expect((await rejection(requestReplay(executive, { ids: [d.id] }))).code).toBe("FORBIDDEN");
    const r = await discardDeadLetters(engineer, { ids: [d.id], reason: "test order" });
    expect(r.done).toEqual([d.id]);
    expect((await db().deadLetter.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("discarded");
    expect(await db().auditEntry.count({ where: { action: "dlq.discard", entityId: d.id } })).toBe(1);
    expect(
      (await listDeadLetters(engineer, ZListQuery.parse({ filters: { status: "discarded" } }))).rows.map((x) => x.id),
    ).toEqual([d.id]);
  });
});

describe("message journey", () => {
  it("returns the steps in order with offsets, hashes, related runs and the dead letter", async () => {
    const t0 = new Date("2026-11-26T08:00:00Z");
    const run = await db().messageRun.create({
      data: {
        messageId: "msg-7",
        correlationId: "corr-7",
        flowId,
        flowVersionId: versions[1],
        environmentId: "env_dev",
        status: "dead_lettered",
        inputHash: "in-hash",
        startedAt: t0,
        durationMs: 40,
        steps: [
          {
            step: "map",
            kind: "step",
            component: "transform_jsonata",
            status: "ok",
            attempts: 1,
            durationMs: 5,
            offsetMs: 0,
          },
          {
            step: "deliver",
            kind: "output",
            component: "http",
            status: "failed",
            attempts: 3,
            durationMs: 30,
            offsetMs: 10,
            error: "HTTP 503",
          },
        ],
      },
    });
    await db().messageRun.create({
      data: {
        messageId: "msg-7-replay",
        correlationId: "corr-7",
        flowId,
        flowVersionId: versions[1],
        environmentId: "env_dev",
        status: "succeeded",
        inputHash: "in-hash",
        startedAt: new Date(t0.getTime() + 60_000),
      },
    });
    const dl = await db().deadLetter.create({
      data: {
        flowId,
        flowVersionId: versions[1],
        environmentId: "env_dev",
        messageId: "msg-7",
        correlationId: "corr-7",
        runId: run.id,
        originalBody: "{}",
        failedStep: "deliver",
        error: "HTTP 503",
      },
    });
    const journey = await getMessageJourney(executive, run.id);
    expect(journey.steps.map((s) => [s.step, s.status, s.offsetMs, s.attempts])).toEqual([
      ["map", "ok", 0, 1],
      ["deliver", "failed", 10, 3],
    ]);
    expect(journey).toMatchObject({ inputHash: "in-hash", contentHash: "hash-2", deadLetterId: dl.id });
    expect(journey.related.map((r) => r.messageId)).toEqual(["msg-7-replay"]);
    expect(journey.related[0]).toMatchObject({ flowId, version: 2, environmentKey: "dev", status: "succeeded" });

    // The runs list filters by environment key and names each run's flow, version and environment.
    const dev = await listRuns(executive, ZListQuery.parse({ q: "corr-7", filters: { environment: "dev" } }));
    expect(dev.rows.map((r) => [r.messageId, r.version, r.environmentKey])).toEqual([
      ["msg-7-replay", 2, "dev"],
      ["msg-7", 2, "dev"],
    ]);
    expect(dev.rows[0].flowName).toBe("dlq-test");
    expect(
      (await listRuns(executive, ZListQuery.parse({ q: "corr-7", filters: { environment: "prod" } }))).rows,
    ).toEqual([]);
    expect(
      (await listRuns(executive, ZListQuery.parse({ q: "corr-7", filters: { environment: "no-such-env" } }))).rows,
    ).toEqual([]);
  });
});
