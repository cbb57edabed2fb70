import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import { systemActor, type Actor } from "@/lib/auth/actor";
import type { TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { deployFlowVersion, saveFlowVersion } from "@/lib/services/flows";
import { createUser } from "@/lib/services/users";
import {
  cabHome,
  calendar,
  closeChange,
  createChangeModel,
  createChangeWindow,
  decideChange,
  getChange,
  implementChange,
  listChanges,
  openChangeRequest,
  parseRrule,
  recordPostImplementationReview,
  rescheduleChange,
  updateRiskPolicy,
  type TConflict,
  type TRiskFactor,
} from ".";

withTestDatabase();
const system = systemActor("test");
const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.now() + ms);
const QUARTER_END = "DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1";

let requester: Actor;
let engineer2: Actor;
let cab1: Actor;
let cab2: Actor;
let cab3: Actor;
let owner: Actor;
let adminVoter: Actor;
const v: Record<string, string> = {};

async function user(email: string, role: TRole): Promise<Actor> {
  const u = await createUser(system, { email, name: email.split("@")[0], role, password: "long-enough-pass" });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

const spec = (name: string, url: string) => ({
  name,
  description: `${name} flow`,
  input: { use: "http", config: { path: `/${name}` } },
  steps: [{ id: "map", use: "transform_jsonata", config: { expression: "{ 'id': orderId }" } }],
  outputs: [{ id: "deliver", use: "http", config: { url } }],
});

async function version(actor: Actor, name: string, url: string) {
  const saved = await saveFlowVersion(actor, { spec: spec(name, url) }, "import");
  return { flowId: saved.flowId, versionId: saved.version.id };
}
const deploy = (versionId: string, environmentId: string) =>
  deployFlowVersion(requester, { flowVersionId: versionId, environmentId, acknowledgeResidency: false });

const base = {
  description: "",
  rolloutPlan: "Deploy through the portal, watch the error rate for 15 minutes.",
  rollbackPlan: "Roll back to the previous version.",
};

beforeAll(async () => {
  requester = await user("req@example.com", "integration_engineer");
  engineer2 = await user("eng2@example.com", "integration_engineer");
  cab1 = await user("cab1@example.com", "cab_member");
  cab2 = await user("cab2@example.com", "cab_member");
  cab3 = await user("cab3@example.com", "cab_member");
  owner = await user("owner@example.com", "data_owner");
  adminVoter = await user("admin@example.com", "admin");
  await updateRiskPolicy(system, { mediumFrom: 25, highFrom: 70 });

  const crm = await db().system.create({
    data: { name: "CRM", type: "crm", hosting: "cloud", criticality: "medium" },
  });
  const erp = await db().system.create({
    data: { name: "ERP", type: "erp", hosting: "on_prem", criticality: "medium" },
  });
  const iface = await db().interface.create({
    data: {
      name: "Customers ERP to CRM",
      sourceSystemId: erp.id,
      targetSystemId: crm.id,
      mechanism: "file",
      payloadFormat: "json",
      frequency: "hourly",
    },
  });
  const domain = await db().dataDomain.create({
    data: { key: "customer", name: "Customer", classification: "personal" },
  });
  await db().ownership.create({ data: { dataDomainId: domain.id, ownerId: owner.id } });

  const c1 = await version(requester, "customer-sync", "http://127.0.0.1:4100/a");
  await db().flow.update({ where: { id: c1.flowId }, data: { interfaceId: iface.id } });
  await db().flowDataDomain.create({ data: { flowId: c1.flowId, dataDomainId: domain.id } });
  await deploy(c1.versionId, "env_dev");
  await deploy(c1.versionId, "env_test");
  const c2 = await version(requester, "customer-sync", "http://127.0.0.1:4100/b");
  await deploy(c2.versionId, "env_dev");
  const p1 = await version(requester, "plain-flow", "http://127.0.0.1:4100/p1");
  await deploy(p1.versionId, "env_dev");
  const p2 = await version(requester, "plain-flow", "http://127.0.0.1:4100/p2");
  Object.assign(v, { c1: c1.versionId, c2: c2.versionId, p1: p1.versionId, p2: p2.versionId });
});

describe("change requests and the CAB", () => {
  let changeA: string;

  it("binds the versions to their hashes, explains each risk factor, sets the quorum and notifies the CAB", async () => {
    const opened = await openChangeRequest(requester, {
      ...base,
      title: "Customer sync to the new endpoint",
      type: "normal",
      environmentKey: "test",
      windowStart: at(-HOUR).toISOString(),
      windowEnd: at(4 * HOUR).toISOString(),
      items: [{ kind: "flow", versionId: v.c2 }],
    });
    changeA = opened.id;
    expect(opened.status).toBe("submitted");
    const row = await db().changeRequest.findUniqueOrThrow({ where: { id: changeA }, include: { items: true } });
    const c2 = await db().flowVersion.findUniqueOrThrow({ where: { id: v.c2 } });
    expect(row.items).toEqual([
      expect.objectContaining({
        kind: "flow",
        itemKey: "customer-sync",
        versionId: v.c2,
        contentHash: c2.contentHash,
        previousVersionId: v.c1,
      }),
    ]);
    expect(row.items[0].diffSize).toBeGreaterThan(0);
    const factors = row.riskFactors as unknown as TRiskFactor[];
    expect(factors.map((f) => f.key)).toEqual([
      "blastRadius",
      "dataClassification",
      "health",
      "diffSize",
      "changeFailures",
    ]);
    expect(factors[0].detail).toBe("2 systems, 1 interface, 0 flows depend on it");
    expect(factors[1]).toMatchObject({ score: 80, detail: expect.stringContaining("personal") });
    expect(factors[2].detail).toMatch(/No traffic in the last 24h, 0 pending dead letters/);
    expect(row).toMatchObject({ riskLevel: "medium", requiredApprovals: 2, requiresDataOwner: true });

    const notified = await db().notification.findMany({ where: { kind: "change.awaiting" }, select: { userId: true } });
    expect(notified.map((n) => n.userId).sort()).toEqual([cab1.id, cab2.id, cab3.id].sort());
    const audit = await db().auditEntry.findFirst({ where: { action: "change.open", entityId: changeA } });
    expect(audit).not.toBeNull();
  });

  it("refuses a change that deploys what the environment already runs", async () => {
    const error = await rejection(
      openChangeRequest(requester, {
        ...base,
        title: "Nothing new",
        type: "normal",
        environmentKey: "dev",
        windowStart: at(HOUR),
        windowEnd: at(2 * HOUR),
        items: [{ kind: "flow", versionId: v.c2 }],
      }),
    );
    expect(error.message).toMatch(/already runs v2 there: nothing to change/);
  });

  it("never lets the requester vote on their own change", async () => {
    const own = await openChangeRequest(adminVoter, {
      ...base,
      title: "Admin's own change",
      type: "normal",
      environmentKey: "dev",
      windowStart: at(24 * HOUR),
      windowEnd: at(26 * HOUR),
      items: [{ kind: "flow", versionId: v.p2 }],
    });
    const error = await rejection(decideChange(adminVoter, { changeId: own.id, decision: "approve" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/Separation of duties: you requested CHG-\d+/);
    await expect(decideChange(adminVoter, { changeId: own.id, decision: "reject" })).rejects.toThrow(
      /Separation of duties/,
    );
    expect(await db().changeApproval.count({ where: { changeRequestId: own.id } })).toBe(0);
  });

  it("two plain CAB approvals do not approve a change with owned data until the data owner approves", async () => {
    expect(await decideChange(cab1, { changeId: changeA, decision: "approve" })).toMatchObject({
      status: "submitted",
      asDataOwner: false,
    });
    const second = await decideChange(adminVoter, { changeId: changeA, decision: "approve", comment: "ok" });
    expect(second.status).toBe("submitted");
    expect(second.quorum).toMatchObject({ approvals: 2, required: 2, met: false, needsDataOwner: true });
    expect(second.quorum.missing).toEqual(["An approval by the accountable data owner"]);
    await expect(decideChange(cab1, { changeId: changeA, decision: "approve" })).rejects.toThrow(/already voted/);
    const last = await decideChange(owner, { changeId: changeA, decision: "approve" });
    expect(last).toMatchObject({ status: "approved", asDataOwner: true, quorum: { met: true, hasDataOwner: true } });
    const detail = await getChange(cab3, changeA);
    expect(detail.approvals.map((a) => [a.userName, a.asDataOwner])).toEqual([
      ["cab1", false],
      ["admin", false],
      ["owner", true],
    ]);
    expect(detail.decidedAt).not.toBeNull();
  });

  it("refuses implementation by one of the change's approvers; the requester implements within the window", async () => {
    const error = await rejection(implementChange(adminVoter, { changeId: changeA }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/Separation of duties: you approved CHG-\d+, so you cannot implement it/);
    const done = await implementChange(requester, { changeId: changeA });
    expect(done.status).toBe("implemented");
    expect(done.deployments).toEqual([expect.objectContaining({ itemKey: "customer-sync", previousVersionId: v.c1 })]);
    const active = await db().deployment.findFirstOrThrow({
      where: { flowVersionId: v.c2, environmentId: "env_test", activeSlot: { not: null } },
    });
    expect(active.changeRequestId).toBe(changeA);
    const detail = await getChange(requester, changeA);
    expect(detail).toMatchObject({ status: "implemented", implementedBy: { id: requester.id } });
    expect(detail.items[0].changes.length).toBe(detail.items[0].diffSize);
    expect(detail.items[0].before).not.toBeNull();
    expect(detail.deployments.map((d) => d.isActive)).toEqual([true]);
  });

  it("flags a quarter-end blackout and a change outside the system's maintenance window", async () => {
    const bad = await rejection(
      createChangeWindow(system, { kind: "blackout", name: "Bad", rrule: "FREQ=MONTHLY", durationMinutes: 60 }),
    );
    expect(bad.fieldErrors?.rrule?.[0]).toMatch(/DTSTART/);
    const blackout = await createChangeWindow(system, {
      kind: "blackout",
      name: "Quarter-end freeze",
      rrule: QUARTER_END,
      durationMinutes: 24 * 60,
    });
    const parsed = parseRrule(QUARTER_END);
    if (!("rule" in parsed)) throw new Error(parsed.error);
    const next = parsed.rule.after(new Date(), true)!;
    const opened = await openChangeRequest(requester, {
      ...base,
      title: "Plain flow at quarter end",
      type: "normal",
      environmentKey: "dev",
      windowStart: new Date(next.getTime() + HOUR),
      windowEnd: new Date(next.getTime() + 3 * HOUR),
      items: [{ kind: "flow", versionId: v.p2 }],
    });
    const conflicts = (await db().changeRequest.findUniqueOrThrow({ where: { id: opened.id } }))
      .conflicts as unknown as TConflict[];
    expect(conflicts).toEqual([
      expect.objectContaining({
        kind: "blackout",
        windowId: blackout.id,
        message: expect.stringContaining("Quarter-end freeze"),
      }),
    ]);
    const moved = await rescheduleChange(requester, {
      changeId: opened.id,
      windowStart: new Date(next.getTime() + 26 * HOUR),
      windowEnd: new Date(next.getTime() + 27 * HOUR),
    });
    expect(moved.conflicts).toEqual([]);

    const crm = await db().system.findUniqueOrThrow({ where: { name: "CRM" } });
    await createChangeWindow(system, {
      kind: "maintenance",
      name: "CRM Saturday night",
      rrule: "DTSTART:20260103T220000Z\nRRULE:FREQ=WEEKLY;BYDAY=SA",
      durationMinutes: 240,
      systemId: crm.id,
    });
    const sat = new Date(Date.UTC(2027, 0, 2, 23)); // a Saturday
    const open = (start: Date, title: string) =>
      openChangeRequest(requester, {
        ...base,
        title,
        type: "normal",
        environmentKey: "dev",
        windowStart: start,
        windowEnd: new Date(start.getTime() + HOUR),
        items: [{ kind: "flow", versionId: v.c1 }],
      });
    const inside = await open(sat, "Inside the CRM window");
    const outside = await open(new Date(Date.UTC(2027, 0, 4, 12)), "On a Monday noon");
    const kinds = async (id: string) =>
      ((await db().changeRequest.findUniqueOrThrow({ where: { id } })).conflicts as unknown as TConflict[]).map(
        (c) => c.kind,
      );
    expect(await kinds(inside.id)).toEqual([]);
    expect(await kinds(outside.id)).toEqual(["maintenance"]);
    const overlapping = await open(new Date(sat.getTime() + 30 * 60_000), "Overlaps the Saturday change");
    expect(await kinds(overlapping.id)).toEqual(["change"]);

    const cal = await calendar(cab1, { from: next.toISOString(), to: new Date(next.getTime() + 40 * 86_400_000) });
    expect(cal.windows.some((w) => w.windowId === blackout.id)).toBe(true);
    expect(cal.windows.some((w) => w.kind === "maintenance")).toBe(true);
  });

  it("approves a standard change within its model at once and refuses one above the model's risk", async () => {
    await createChangeModel(system, { key: "plain-tweak", name: "Plain flow tweak", maxRisk: "low" });
    const std = {
      ...base,
      title: "Standard tweak",
      type: "standard",
      modelKey: "plain-tweak",
      environmentKey: "test",
      windowStart: at(2 * HOUR),
      windowEnd: at(3 * HOUR),
    };
    const ok = await openChangeRequest(requester, { ...std, items: [{ kind: "flow", versionId: v.p1 }] });
    expect(ok.status).toBe("approved");
    const row = await db().changeRequest.findUniqueOrThrow({ where: { id: ok.id } });
    expect(row.decidedAt).not.toBeNull();
    expect(row.riskLevel).toBe("low");

    const above = await rejection(
      openChangeRequest(requester, { ...std, environmentKey: "dev", items: [{ kind: "flow", versionId: v.c1 }] }),
    );
    expect(above.fieldErrors?.modelKey?.[0]).toMatch(/allows up to low risk; this change is medium/);
    const noModel = await rejection(
      openChangeRequest(requester, { ...std, modelKey: "nope", items: [{ kind: "flow", versionId: v.p1 }] }),
    );
    expect(noModel.fieldErrors?.modelKey).toBeDefined();

    const early = await rejection(implementChange(engineer2, { changeId: ok.id }));
    expect(early.message).toMatch(/only within its window, \d{4}-\d\d-\d\d \d\d:\d\d UTC to/);
    const moved = await rescheduleChange(requester, { changeId: ok.id, windowStart: at(-HOUR), windowEnd: at(HOUR) });
    expect(moved.status).toBe("approved");
    expect((await implementChange(engineer2, { changeId: ok.id })).status).toBe("implemented");
  });

  it("an emergency change deploys first, then needs two approvals and a review before it closes", async () => {
    const em = await openChangeRequest(requester, {
      ...base,
      title: "Hotfix the customer sync",
      type: "emergency",
      environmentKey: "dev",
      windowStart: at(-HOUR),
      windowEnd: at(HOUR),
      items: [{ kind: "flow", versionId: v.c1 }],
    });
    expect(em.status).toBe("submitted");
    expect(await db().changeRequest.findUniqueOrThrow({ where: { id: em.id } })).toMatchObject({
      pirRequired: true,
      requiredApprovals: 2,
    });
    await implementChange(requester, { changeId: em.id });
    const home = await cabHome(cab2);
    expect(home.emergencyFollowUp.map((c) => c.id)).toContain(em.id);
    expect(home.awaitingMyVote.map((c) => c.id)).toContain(em.id);
    await decideChange(cab1, { changeId: em.id, decision: "approve" });
    await expect(closeChange(requester, { changeId: em.id })).rejects.toThrow(/awaiting its CAB approvals/);
    // Medium risk with owned data: the second approval must be the data owner's.
    expect((await decideChange(owner, { changeId: em.id, decision: "approve" })).status).toBe("implemented");
    expect((await getChange(cab1, em.id)).quorum.met).toBe(true);
    await expect(closeChange(requester, { changeId: em.id })).rejects.toThrow(/post-implementation review/);
    await recordPostImplementationReview(requester, { changeId: em.id, summary: "Endpoint moved back; no data lost." });
    expect((await closeChange(requester, { changeId: em.id })).status).toBe("closed");
  });

  it("lists changes with filters and shows the CAB member what waits for their vote", async () => {
    const mine = await listChanges(adminVoter, { mine: "true" });
    expect(mine.rows.map((r) => r.title)).toEqual(["Admin's own change"]);
    const byKey = await listChanges(cab1, { q: "customer-sync", status: "implemented" });
    expect(byKey.rows.map((r) => r.title)).toEqual(["Customer sync to the new endpoint"]);
    const home = await cabHome(cab3);
    expect(home.awaitingMyVote.map((c) => c.title)).toEqual(
      expect.arrayContaining(["Admin's own change", "Plain flow at quarter end"]),
    );
    expect((await cabHome(adminVoter)).awaitingMyVote.map((c) => c.title)).not.toContain("Admin's own change");
    expect((await cabHome(requester)).awaitingMyVote).toEqual([]);
  });
});
