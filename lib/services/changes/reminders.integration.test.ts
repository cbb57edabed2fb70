import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import type { TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { deployFlowVersion, saveFlowVersion } from "@/lib/services/flows";
import { createUser } from "@/lib/services/users";
import { decideChange, openChangeRequest, remindStalledApprovals, updateRiskPolicy, type TRiskFactor } from ".";

withTestDatabase();
const system = systemActor("test");
const HOUR = 3_600_000;
let requester: Actor;
let cab1: Actor;
let cab2: Actor;
let admin: Actor;
let exec: Actor;
let flowId: string;
let v1: string;
let v2: string;

async function user(email: string, role: TRole): Promise<Actor> {
  const u = await createUser(system, { email, name: email.split("@")[0], role, password: "long-enough-pass" });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}
const spec = (url: string) => ({
  name: "billing-feed",
  input: { use: "http", config: { path: "/billing" } },
  steps: [],
  outputs: [{ id: "deliver", use: "http", config: { url } }],
});

beforeAll(async () => {
  requester = await user("req@example.com", "integration_engineer");
  cab1 = await user("cab1@example.com", "cab_member");
  cab2 = await user("cab2@example.com", "cab_member");
  admin = await user("admin@example.com", "admin");
  exec = await user("exec@example.com", "executive");
  await updateRiskPolicy(system, { remindAfterHours: 24, escalateAfterReminders: 2, lowApprovals: 2 });
  const first = await saveFlowVersion(requester, { spec: spec("http://127.0.0.1:4100/a") }, "import");
  flowId = first.flowId;
  v1 = first.version.id;
  await deployFlowVersion(requester, { flowVersionId: v1, environmentId: "env_dev", acknowledgeResidency: false });
  v2 = (await saveFlowVersion(requester, { spec: spec("http://127.0.0.1:4100/b") }, "import")).version.id;
});

const open = (title: string) =>
  openChangeRequest(requester, {
    title,
    type: "normal",
    environmentKey: "dev",
    windowStart: new Date(Date.now() + 200 * HOUR),
    windowEnd: new Date(Date.now() + 201 * HOUR),
    rolloutPlan: "Deploy.",
    rollbackPlan: "Roll back.",
    items: [{ kind: "flow", versionId: v2 }],
  });

describe("risk from the engine's rollups and past rollbacks", () => {
  it("reads the error rate of the last 24h, pending dead letters and rolled-back changes of the item", async () => {
    const minute = (h: number) => new Date(Math.floor((Date.now() - h * HOUR) / 60_000) * 60_000);
    await db().metricMinute.createMany({
      data: [
        {
          flowId,
          environmentId: "env_dev",
          minute: minute(1),
          countOk: 90,
          countFailed: 6,
          countDeadLettered: 4,
          latencyBuckets: [],
        },
        { flowId, environmentId: "env_dev", step: "deliver", minute: minute(1), countFailed: 500, latencyBuckets: [] },
        { flowId, environmentId: "env_dev", minute: minute(30), countFailed: 1000, latencyBuckets: [] },
        { flowId, environmentId: "env_test", minute: minute(1), countFailed: 1000, latencyBuckets: [] },
      ],
    });
    const dl = {
      flowId,
      flowVersionId: v1,
      environmentId: "env_dev",
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
      ],
    });
    await db().changeRequest.create({
      data: {
        title: "Earlier change that failed",
        type: "normal",
        status: "rolled_back",
        environmentId: "env_dev",
        windowStart: new Date(Date.now() - 48 * HOUR),
        windowEnd: new Date(Date.now() - 47 * HOUR),
        requestedByEmail: requester.email,
        items: {
          create: {
            kind: "flow",
            itemKey: "billing-feed",
            itemId: flowId,
            versionId: v1,
            version: 1,
            contentHash: "x",
          },
        },
      },
    });
    const { id } = await open("Billing feed to endpoint b");
    const factors = (await db().changeRequest.findUniqueOrThrow({ where: { id } }))
      .riskFactors as unknown as TRiskFactor[];
    const f = Object.fromEntries(factors.map((x) => [x.key, x]));
    expect(f.health.detail).toBe("10.0% errors over 100 messages in 24h, 2 pending dead letters");
    expect(f.health.score).toBe(20 + 10);
    expect(f.changeFailures).toMatchObject({
      score: 34,
      detail: "1 change to these items rolled back in the last 90 days",
    });
    expect(f.blastRadius.detail).toBe("0 systems, 0 interfaces, 0 flows depend on it");
  });
});

describe("stalled approvals", () => {
  it("reminds the members who have not voted each period, then escalates once to admins and executives", async () => {
    await db().changeRequest.updateMany({ data: { status: "cancelled" } });
    const { id } = await open("Waiting for the CAB");
    await decideChange(cab1, { changeId: id, decision: "approve" });
    const t0 = (await db().changeRequest.findUniqueOrThrow({ where: { id } })).createdAt.getTime();
    const run = (h: number) => remindStalledApprovals(new Date(t0 + h * HOUR));
    const notices = (kind: string) =>
      db().notification.findMany({ where: { kind }, select: { userId: true }, orderBy: { userId: "asc" } });

    expect(await run(1)).toEqual({ reminded: 0, escalated: 0 });
    expect(await run(25)).toEqual({ reminded: 1, escalated: 0 });
    expect((await notices("change.reminder")).map((n) => n.userId)).toEqual([cab2.id]);
    expect(await run(25)).toEqual({ reminded: 0, escalated: 0 });
    expect(await run(40)).toEqual({ reminded: 0, escalated: 0 });
    expect(await run(50)).toEqual({ reminded: 1, escalated: 0 });
    expect(await notices("change.reminder")).toHaveLength(2);
    expect(await run(60)).toEqual({ reminded: 0, escalated: 0 });
    expect(await run(75)).toEqual({ reminded: 0, escalated: 1 });
    expect((await notices("change.escalation")).map((n) => n.userId).sort()).toEqual([admin.id, exec.id].sort());
    expect(await run(100)).toEqual({ reminded: 0, escalated: 0 });
    expect(await run(200)).toEqual({ reminded: 0, escalated: 0 });
    const row = await db().changeRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ remindersSent: 2, escalatedAt: new Date(t0 + 75 * HOUR) });
    const audit = await db().auditEntry.findMany({
      where: { entityId: id, action: { in: ["change.remind", "change.escalate"] } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["change.escalate", "change.remind", "change.remind"]);
  });
});
