import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import type { TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { BUCKET_COUNT, bucketIndex } from "@/lib/engine/metrics/buckets";
import { deployFlowVersion, saveFlowVersion } from "@/lib/services/flows";
import { createUser } from "@/lib/services/users";
import {
  closeActionItem,
  completeAssessment,
  getAssessmentOrThrow,
  listActionItems,
  listAssessments,
  openAssessment,
  openDueAssessments,
  remindDueAssessments,
  reopenActionItem,
  scoreTrend,
} from "./index";
import { assessedEnvironment } from "./signal-subject";

withTestDatabase();
const system = systemActor("test");
const NOW = new Date("2026-06-15T12:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let owner: Actor;
let otherOwner: Actor;
let engineer: Actor;
let viewer: Actor;
let admin: Actor;
/** Runs in dev and prod, owned by `owner` in the catalog: the flow whose score is checked. */
let scored: { flowId: string; versionId: string; hash: string };
let remindedFlowId: string;

async function user(email: string, role: TRole): Promise<Actor> {
  const u = await createUser(system, { email, name: email.split("@")[0], role, password: "long-enough-pass" });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

const spec = (name: string) => ({
  name,
  input: { use: "http", config: { path: `/${name}` } },
  steps: [],
  outputs: [{ id: "deliver", use: "http", config: { url: "http://127.0.0.1:4100/x" } }],
});

async function flow(name: string, deploy: boolean) {
  const saved = await saveFlowVersion(engineer, { spec: spec(name) }, "import");
  if (deploy)
    await deployFlowVersion(engineer, {
      flowVersionId: saved.version.id,
      environmentId: "env_dev",
      acknowledgeResidency: false,
    });
  return { flowId: saved.flowId, versionId: saved.version.id, hash: saved.version.contentHash };
}

function buckets(ms: number, n: number): number[] {
  const b = new Array<number>(BUCKET_COUNT).fill(0);
  b[bucketIndex(ms)] = n;
  return b;
}

async function minute(
  environmentId: string,
  ago: number,
  row: { ok: number; failed?: number; ms: number; backlog?: number; dlq?: number },
) {
  await db().metricMinute.create({
    data: {
      flowId: scored.flowId,
      environmentId,
      minute: at(-ago),
      countOk: row.ok,
      countFailed: row.failed ?? 0,
      latencyBuckets: buckets(row.ms, row.ok + (row.failed ?? 0)),
      backlogDepth: row.backlog ?? null,
      dlqDepth: row.dlq ?? null,
    },
  });
}

const notices = (userId: string | null, kind: string) =>
  db().notification.findMany({ where: { userId: userId!, kind }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  owner = await user("owner@example.com", "data_owner");
  otherOwner = await user("owner2@example.com", "data_owner");
  engineer = await user("engineer@example.com", "integration_engineer");
  viewer = await user("viewer@example.com", "viewer");
  admin = await user("admin@example.com", "admin");

  scored = await flow("billing-feed", true);
  // Production too (a row as the changes area leaves it): the assessment reads its signals there.
  await db().deployment.create({
    data: {
      flowId: scored.flowId,
      flowVersionId: scored.versionId,
      environmentId: "env_prod",
      contentHash: scored.hash,
      deployedBy: "test",
      activeSlot: `${scored.flowId}:env_prod`,
      activatedAt: at(-10 * DAY),
    },
  });
  await db().catalogEntry.create({ data: { kind: "flow", key: scored.flowId, ownerId: owner.id } });
  // Its previous assessment, a third of a year ago: the new one is due and reports 70 as the previous score.
  await db().healthAssessment.create({
    data: {
      flowId: scored.flowId,
      status: "completed",
      dueAt: at(-110 * DAY),
      score: 70,
      completedAt: at(-120 * DAY),
      createdAt: at(-125 * DAY),
    },
  });

  // Production's last day: 190 ok and 10 failed (5%), all at 40 ms; backlog 150, up from 100 an hour before.
  await minute("env_prod", 30 * MIN, { ok: 90, failed: 10, ms: 40, backlog: 150, dlq: 2 });
  await minute("env_prod", 90 * MIN, { ok: 100, ms: 40, backlog: 100 });
  // The day before: 100 ok at 40 ms.
  await minute("env_prod", 30 * HOUR, { ok: 100, ms: 40 });
  // Dev is failing badly, and must not count: production is where the flow's health is read.
  await minute("env_dev", 30 * MIN, { ok: 0, failed: 500, ms: 9_000 });

  const dl = {
    flowId: scored.flowId,
    flowVersionId: scored.versionId,
    environmentId: "env_prod",
    correlationId: "c",
    originalBody: "{}",
    failedStep: "deliver",
    error: "503",
  };
  await db().deadLetter.createMany({
    data: [
      { ...dl, messageId: "m1" },
      { ...dl, messageId: "m2" },
      { ...dl, messageId: "m3", status: "discarded" },
      { ...dl, messageId: "m4", environmentId: "env_dev" },
    ],
  });
  // One production change to the flow rolled back 20 days ago.
  await db().changeRequest.create({
    data: {
      title: "Billing feed v2",
      type: "normal",
      status: "rolled_back",
      environmentId: "env_prod",
      windowStart: at(-21 * DAY),
      windowEnd: at(-20 * DAY),
      implementedAt: at(-20 * DAY),
      requestedByEmail: engineer.email,
      items: {
        create: {
          kind: "flow",
          itemKey: "billing-feed",
          itemId: scored.flowId,
          versionId: scored.versionId,
          version: 1,
          contentHash: scored.hash,
        },
      },
    },
  });

  await flow("never-deployed", false);
  const archived = await flow("archived-feed", true);
  await db().flow.update({ where: { id: archived.flowId }, data: { archivedAt: at(-DAY) } });
  remindedFlowId = (await flow("reminded-feed", true)).flowId;
  await db().catalogEntry.create({ data: { kind: "flow", key: remindedFlowId, ownerId: otherOwner.id } });
});

describe("opening due assessments", () => {
  it("opens one per running flow, assigned to the catalog owner, and notifies them; never twice", async () => {
    const first = await openDueAssessments(NOW);
    expect(first.opened).toBe(2); // billing-feed and reminded-feed; not the undeployed nor the archived flow
    const again = await Promise.all([openDueAssessments(NOW), openDueAssessments(NOW)]);
    expect(again.map((r) => r.opened)).toEqual([0, 0]);

    const open = await db().healthAssessment.findMany({ where: { status: "due" }, include: { flow: true } });
    expect(open.map((a) => a.flow.name).sort()).toEqual(["billing-feed", "reminded-feed"]);
    const billing = open.find((a) => a.flowId === scored.flowId)!;
    expect(billing.assigneeId).toBe(owner.id);
    expect(billing.dueAt).toEqual(at(14 * DAY));
    const due = await notices(owner.id, "health.due");
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      title: "Health assessment due: billing-feed",
      href: `/catalog/health/${billing.id}`,
    });
    expect(await db().auditEntry.count({ where: { action: "health.open" } })).toBe(2);
  });

  it("lists them by view, for the assignee as mine", async () => {
    const mine = await listAssessments(owner, { view: "due", mine: true }, NOW);
    expect(mine.rows.map((r) => r.flowName)).toEqual(["billing-feed"]);
    expect(mine.rows[0]).toMatchObject({ isOverdue: false, assigneeName: "owner", previousScore: null });
    expect((await listAssessments(viewer, { view: "overdue" }, NOW)).total).toBe(0);
    expect((await listAssessments(viewer, { view: "overdue" }, at(15 * DAY))).total).toBe(2);
    expect((await listAssessments(viewer, { view: "completed", q: "BILLING" }, NOW)).total).toBe(1);
  });
});

describe("completing an assessment", () => {
  const answers = {
    technicalDebt: 3,
    bottlenecks: "The CSV export is single-threaded.",
    optimizationIdeas: "Batch it.",
  };
  let id: string;
  beforeAll(async () => {
    id = (await db().healthAssessment.findFirstOrThrow({ where: { flowId: scored.flowId, status: "due" } })).id;
  });

  it("is refused to anyone but the assignee and catalog editors", async () => {
    await expect(completeAssessment(otherOwner, { id, answers }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(completeAssessment(viewer, { id, answers }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getAssessmentOrThrow(otherOwner, id, NOW)).canComplete).toBe(false);
    expect((await getAssessmentOrThrow(engineer, id, NOW)).canComplete).toBe(true);
    expect(await getAssessmentOrThrow(owner, id, NOW)).toMatchObject({ canComplete: true, previousScore: 70 });
  });

  it("refuses an action item with a past due date or an unknown owner, naming the field", async () => {
    await expect(
      completeAssessment(
        owner,
        {
          id,
          answers,
          actionItems: [
            { title: "Parallelize the export", ownerId: engineer.id!, dueAt: at(-DAY) },
            { title: "Ask someone", ownerId: "nobody", dueAt: at(DAY) },
          ],
        },
        NOW,
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "actionItems.0.dueAt": ["The due date has passed."], "actionItems.1.ownerId": expect.any(Array) },
    });
    expect((await db().healthAssessment.findUniqueOrThrow({ where: { id } })).status).toBe("due");
  });

  it("a health assessment computes its score from known signals", async () => {
    const done = await completeAssessment(
      owner,
      { id, answers, actionItems: [{ title: "Parallelize the export", ownerId: engineer.id!, dueAt: at(30 * DAY) }] },
      NOW,
    );
    // Signals: error rate 75 (5%) ·3, latency 100 ·2, dead letters 90 (2 pending) ·2, backlog 85 (150) ·1,
    // last change 100 (10 days) ·1, deprecated dependencies 100 (none) ·1, change failures 66 (one
    // rollback) ·2: 1022 / 12 = 85.2 → 85; technical debt 3 takes 8 points: 77.
    expect(done).toEqual({ id, score: 77, previousScore: 70, signalScore: 85, debtPenalty: 8, actionItems: 1 });

    const row = await db().healthAssessment.findUniqueOrThrow({ where: { id }, include: { actions: true } });
    expect(row).toMatchObject({ status: "completed", score: 77, previousScore: 70, completedById: owner.id });
    expect(row.completedAt).toEqual(NOW);
    expect(row.answers).toEqual(answers);
    expect(row.signals).toEqual([
      {
        key: "errorRate",
        label: "Error rate",
        value: 5,
        unit: "%",
        score: 75,
        weight: 3,
        trend: "worsening",
        detail: "5% of 200 messages failed in the last 24 hours (0% the day before).",
      },
      {
        key: "latency",
        label: "Latency (p95)",
        value: 49,
        unit: "ms",
        score: 100,
        weight: 2,
        trend: "steady",
        detail: "p95 49 ms over the last 24 hours (49 ms the day before).",
      },
      {
        key: "deadLetters",
        label: "Dead letters",
        value: 2,
        unit: "messages",
        score: 90,
        weight: 2,
        trend: "steady",
        detail: "2 dead letters pending; 0 messages dead-lettered in the last 7 days.",
      },
      {
        key: "backlog",
        label: "Backlog",
        value: 150,
        unit: "messages",
        score: 85,
        weight: 1,
        trend: "worsening",
        detail: "150 messages waiting.",
      },
      {
        key: "lastChange",
        label: "Time since last change",
        value: 10,
        unit: "days",
        score: 100,
        weight: 1,
        trend: null,
        detail: "Last changed 10 days ago.",
      },
      {
        key: "deprecatedDependencies",
        label: "Deprecated dependencies",
        value: 0,
        unit: "dependencies",
        score: 100,
        weight: 1,
        trend: null,
        detail: "No deprecated or retired dependency.",
      },
      {
        key: "changeFailures",
        label: "Change failures",
        value: 1,
        unit: "changes",
        score: 66,
        weight: 2,
        trend: null,
        detail: "1 change of 1 rolled back in the last 90 days.",
      },
      {
        // No SLA for this flow: shown, but not measured, so it leaves the score alone.
        key: "slaCompliance",
        label: "SLA compliance",
        value: null,
        unit: "%",
        score: 100,
        weight: 3,
        trend: null,
        detail: "No SLA is defined for this integration in this environment.",
      },
    ]);
    expect(row.actions).toHaveLength(1);
    expect(row.actions[0]).toMatchObject({ title: "Parallelize the export", ownerId: engineer.id, status: "open" });
    const told = await notices(engineer.id, "health.action");
    expect(told.map((n) => n.title)).toEqual(["Action item for billing-feed: Parallelize the export"]);

    const detail = await getAssessmentOrThrow(viewer, id, NOW);
    expect(detail).toMatchObject({ isLivePreview: false, score: 77, breakdown: { signalScore: 85, debtPenalty: 8 } });
    expect(await scoreTrend(viewer, scored.flowId)).toMatchObject([{ score: 70 }, { score: 77 }]);
  });

  it("completes once: a second submit is a conflict", async () => {
    await expect(completeAssessment(owner, { id, answers }, NOW)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().auditEntry.count({ where: { action: "health.complete", entityId: id } })).toBe(1);
  });

  it("comes due again only after the catalog entry's interval", async () => {
    expect((await openDueAssessments(at(90 * DAY))).opened).toBe(0);
    await db().catalogEntry.update({
      where: { kind_key: { kind: "flow", key: scored.flowId } },
      data: { assessmentIntervalDays: 30 },
    });
    expect((await openDueAssessments(at(29 * DAY))).opened).toBe(0);
    expect((await openDueAssessments(at(31 * DAY))).opened).toBe(1);
    expect((await openDueAssessments(at(32 * DAY))).opened).toBe(0);
  });
});

describe("action items", () => {
  let itemId: string;
  beforeAll(async () => {
    itemId = (await db().healthActionItem.findFirstOrThrow({ where: { flowId: scored.flowId } })).id;
  });

  it("are listed per owner, and as overdue once past their date", async () => {
    const mine = await listActionItems(engineer, { mine: true }, NOW);
    expect(mine.rows.map((r) => [r.title, r.flowName, r.isOverdue])).toEqual([
      ["Parallelize the export", "billing-feed", false],
    ]);
    expect((await listActionItems(viewer, { ownerId: engineer.id!, isOverdue: true }, NOW)).total).toBe(0);
    expect((await listActionItems(viewer, { ownerId: engineer.id!, isOverdue: true }, at(31 * DAY))).total).toBe(1);
    expect((await listActionItems(viewer, { mine: true }, NOW)).total).toBe(0);
  });

  it("are closed and reopened by their owner or the assignee, not by others", async () => {
    await expect(closeActionItem(viewer, { id: itemId }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(closeActionItem(otherOwner, { id: itemId }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await closeActionItem(engineer, { id: itemId }, NOW)).toMatchObject({ status: "done" });
    expect(await db().healthActionItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      status: "done",
      doneById: engineer.id,
      doneAt: NOW,
    });
    expect((await listActionItems(viewer, { ownerId: engineer.id! }, NOW)).total).toBe(0);
    expect((await listActionItems(viewer, { ownerId: engineer.id!, status: "done" }, NOW)).total).toBe(1);
    await reopenActionItem(owner, { id: itemId }, NOW);
    expect((await db().healthActionItem.findUniqueOrThrow({ where: { id: itemId } })).status).toBe("open");
    expect(await db().auditEntry.count({ where: { entityId: itemId } })).toBe(2);
  });
});

describe("reminders", () => {
  it("remind the assignee of an overdue assessment every 3 days, then escalate to admins once", async () => {
    const a = await db().healthAssessment.findFirstOrThrow({ where: { flowId: remindedFlowId, status: "due" } });
    const due = a.dueAt.getTime() - NOW.getTime();
    expect(await remindDueAssessments(at(due - HOUR))).toEqual({ reminded: 0, escalated: 0 });
    expect(await remindDueAssessments(at(due + HOUR))).toEqual({ reminded: 1, escalated: 0 });
    expect(await remindDueAssessments(at(due + 2 * HOUR))).toEqual({ reminded: 0, escalated: 0 });
    expect(await remindDueAssessments(at(due + 2 * DAY))).toEqual({ reminded: 0, escalated: 0 });
    expect(await remindDueAssessments(at(due + 3 * DAY + HOUR))).toEqual({ reminded: 1, escalated: 0 });
    expect(await remindDueAssessments(at(due + 6 * DAY + HOUR))).toEqual({ reminded: 1, escalated: 0 });
    expect((await notices(otherOwner.id, "health.reminder")).map((n) => n.title)).toEqual([
      "Reminder: the health assessment of reminded-feed is overdue",
      "Reminder: the health assessment of reminded-feed is overdue",
      "Reminder: the health assessment of reminded-feed is overdue",
    ]);
    expect(await notices(admin.id, "health.escalation")).toHaveLength(0);
    expect(await remindDueAssessments(at(due + 9 * DAY + HOUR))).toEqual({ reminded: 0, escalated: 1 });
    expect(await remindDueAssessments(at(due + 12 * DAY + HOUR))).toEqual({ reminded: 0, escalated: 0 });
    const escalations = await notices(admin.id, "health.escalation");
    expect(escalations).toHaveLength(1);
    expect(escalations[0].href).toBe(`/catalog/health/${a.id}`);
    expect(await db().healthAssessment.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ remindersSent: 4 });
  });

  it("escalate at once when nobody with an account is assigned", async () => {
    const unowned = await flow("unowned-feed", true);
    const opened = await openAssessment(system, { flowId: unowned.flowId }, NOW);
    expect(opened).not.toBeNull();
    expect(await openAssessment(system, { flowId: unowned.flowId }, NOW)).toBeNull();
    const before = (await notices(admin.id, "health.escalation")).length;
    expect(await remindDueAssessments(at(15 * DAY))).toEqual({ reminded: 0, escalated: 1 });
    expect(await notices(admin.id, "health.escalation")).toHaveLength(before + 1);
  });
});

describe("where the signals are read", () => {
  it("prefers production, else the environment that carried the traffic, else the furthest promoted", async () => {
    expect((await assessedEnvironment(db(), scored.flowId, NOW))?.key).toBe("prod");
    const f = await flow("two-environments", true);
    await db().deployment.create({
      data: {
        flowId: f.flowId,
        flowVersionId: f.versionId,
        environmentId: "env_test",
        contentHash: f.hash,
        deployedBy: "test",
        activeSlot: `${f.flowId}:env_test`,
      },
    });
    expect((await assessedEnvironment(db(), f.flowId, NOW))?.key).toBe("test");
    await db().metricMinute.create({
      data: { flowId: f.flowId, environmentId: "env_dev", minute: at(-HOUR), countOk: 5, latencyBuckets: [] },
    });
    expect((await assessedEnvironment(db(), f.flowId, NOW))?.key).toBe("dev");
    expect((await assessedEnvironment(db(), f.flowId, at(3 * DAY)))?.key).toBe("test");
  });
});
