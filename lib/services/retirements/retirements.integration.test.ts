import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import { systemActor, type Actor } from "@/lib/auth/actor";
import type { TRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { ChangeStatus } from "@/lib/db/generated/client";
import { deployFlowVersion, saveFlowVersion } from "@/lib/services/flows";
import { createUser } from "@/lib/services/users";
import {
  addBrownout,
  cancelRetirement,
  deprecateSubject,
  getRetirementOrThrow,
  listRetirements,
  listWaiverChanges,
  previewDeprecation,
  removeBrownout,
  rescheduleSunset,
  retireSubject,
  type TRetirementConsumer,
} from ".";

withTestDatabase();
const system = systemActor("test");
const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date();
const at = (ms: number) => new Date(NOW.getTime() + ms);

let engineer: Actor;
let engineer2: Actor;
let admin: Actor;
let viewer: Actor;
let flowOwner: Actor;
let crmOwner: Actor;
const env: Record<string, string> = {};

async function user(email: string, role: TRole): Promise<Actor> {
  const u = await createUser(system, { email, name: email.split("@")[0], role, password: "long-enough-pass" });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

async function flow(name: string, interfaceId?: string) {
  const saved = await saveFlowVersion(
    engineer,
    {
      ...(interfaceId ? { interfaceId } : {}),
      spec: {
        name,
        input: { use: "http", config: { path: `/${name}` } },
        outputs: [{ id: "deliver", use: "http", config: { url: `http://crm.retire.test/${name}` } }],
      },
    },
    "import",
  );
  return { flowId: saved.flowId, versionId: saved.version.id };
}

/** What the engine would have recorded: `caller` called the flow's HTTP input, last at `lastSeenAt`. */
async function observeCall(flowId: string, caller: string, lastSeenAt: Date, environmentKey = "prod") {
  await db().observedDependency.upsert({
    where: {
      flowId_environmentId_direction_endpoint_caller: {
        flowId,
        environmentId: env[environmentKey]!,
        direction: "inbound",
        endpoint: `/flows/${flowId}/${environmentKey}`,
        caller,
      },
    },
    create: {
      flowId,
      environmentId: env[environmentKey]!,
      direction: "inbound",
      endpointKind: "http",
      endpoint: `/flows/${flowId}/${environmentKey}`,
      caller,
      messages: 12,
      firstSeenAt: new Date(lastSeenAt.getTime() - 10 * DAY),
      lastSeenAt,
    },
    update: { lastSeenAt },
  });
}

async function change(flowIds: string[], status: ChangeStatus, environmentKey = "prod") {
  const c = await db().changeRequest.create({
    data: {
      title: `Retire (${status}, ${environmentKey})`,
      type: "normal",
      status,
      environmentId: env[environmentKey]!,
      windowStart: at(-2 * HOUR),
      windowEnd: at(-HOUR),
      requestedById: engineer2.id,
      requestedByEmail: engineer2.email,
      items: {
        create: await Promise.all(
          flowIds.map(async (flowId) => {
            const v = await db().flowVersion.findFirstOrThrow({ where: { flowId }, include: { flow: true } });
            return {
              kind: "flow",
              itemKey: v.flow.name,
              itemId: flowId,
              versionId: v.id,
              version: v.version,
              contentHash: v.contentHash,
            };
          }),
        ),
      },
    },
  });
  return c.id;
}

const deprecation = (subjectKind: "flow" | "interface", subjectId: string, over: Record<string, unknown> = {}) => ({
  subjectKind,
  subjectId,
  reason: "Replaced by the event stream",
  replacement: "orders.v2 topic",
  sunsetAt: at(40 * DAY),
  quietDays: 30,
  brownouts: [
    { startsAt: at(7 * DAY), endsAt: at(7 * DAY + HOUR) },
    { startsAt: at(14 * DAY), endsAt: at(14 * DAY + 4 * HOUR) },
  ],
  ...over,
});

let crmId: string;

beforeAll(async () => {
  engineer = await user("eng@example.com", "integration_engineer");
  engineer2 = await user("eng2@example.com", "integration_engineer");
  admin = await user("admin@example.com", "admin");
  viewer = await user("viewer@example.com", "viewer");
  flowOwner = await user("flow.owner@example.com", "data_owner");
  crmOwner = await user("crm.owner@example.com", "facilitator");
  for (const e of await db().environment.findMany()) env[e.key] = e.id;
  const crm = await db().system.create({
    data: { name: "Retire CRM", type: "crm", hosting: "cloud", criticality: "high", callerIds: ["urn:crm"] },
  });
  crmId = crm.id;
  await db().catalogEntry.create({ data: { kind: "system", key: crm.id, ownerId: crmOwner.id } });
});

describe("deprecating a flow", () => {
  let flowId: string;
  let retirementId: string;

  beforeAll(async () => {
    ({ flowId } = await flow("retire-orders"));
    await db().catalogEntry.create({ data: { kind: "flow", key: flowId, ownerId: flowOwner.id } });
    await observeCall(flowId, "urn:crm", at(-2 * DAY));
  });

  it("refuses bad windows with the field that is wrong", async () => {
    await expect(
      deprecateSubject(
        engineer,
        deprecation("flow", flowId, {
          brownouts: [
            { startsAt: at(DAY), endsAt: at(DAY + 2 * HOUR) },
            { startsAt: at(DAY + HOUR), endsAt: at(DAY + 3 * HOUR) },
          ],
        }),
      ),
    ).rejects.toThrow(/must not overlap/);
    await expect(
      deprecateSubject(
        engineer,
        deprecation("flow", flowId, { brownouts: [{ startsAt: at(DAY), endsAt: at(2 * DAY + HOUR) }] }),
      ),
    ).rejects.toThrow(/at most 24 hours/);
    await expect(
      deprecateSubject(
        engineer,
        deprecation("flow", flowId, { brownouts: [{ startsAt: at(DAY), endsAt: at(DAY + 30_000) }] }),
      ),
    ).rejects.toThrow(/at least 1 minute/);
    await expect(
      deprecateSubject(
        engineer,
        deprecation("flow", flowId, { brownouts: [{ startsAt: at(39.99 * DAY), endsAt: at(40.01 * DAY) }] }),
      ),
    ).rejects.toThrow(/end by the sunset/);
    const past = await rejection(
      deprecateSubject(engineer, deprecation("flow", flowId, { sunsetAt: at(-HOUR), brownouts: [] })),
    );
    expect(past.code).toBe("VALIDATION");
    expect(past.fieldErrors?.sunsetAt?.[0]).toMatch(/sunset must be in the future/);
    const started = await rejection(
      deprecateSubject(
        engineer,
        deprecation("flow", flowId, { brownouts: [{ startsAt: at(-3 * HOUR), endsAt: at(-2 * HOUR) }] }),
      ),
    );
    expect(started.fieldErrors?.["brownouts.0.endsAt"]?.[0]).toMatch(/already ended/);
    expect(await db().retirement.count()).toBe(0);
  });

  it("is for catalog:retire only", async () => {
    expect((await rejection(deprecateSubject(viewer, deprecation("flow", flowId)))).code).toBe("FORBIDDEN");
    expect((await rejection(previewDeprecation(viewer, { kind: "flow", id: flowId }))).code).toBe("FORBIDDEN");
  });

  it("previews the consumers and who will be told", async () => {
    const preview = await previewDeprecation(engineer, { kind: "flow", id: flowId });
    expect(preview.subject).toMatchObject({ kind: "flow", name: "retire-orders", isRetired: false });
    expect(preview.consumers).toContainEqual(
      expect.objectContaining({ name: "Retire CRM", source: "observed", ownerId: crmOwner.id }),
    );
    expect(preview.users.map((u) => u.email).sort()).toEqual([crmOwner.email, flowOwner.email].sort());
    expect(preview.isFallback).toBe(false);
    expect(preview.openRetirementId).toBeNull();
  });

  it("stores the consumers, marks the flow deprecated and notifies each owner once", async () => {
    const result = await deprecateSubject(engineer, deprecation("flow", flowId));
    retirementId = result.id;
    expect(result).toMatchObject({ notified: 2, isFallback: false });
    const r = await db().retirement.findUniqueOrThrow({ where: { id: retirementId }, include: { brownouts: true } });
    expect(r).toMatchObject({
      status: "deprecated",
      subjectName: "retire-orders",
      quietDays: 30,
      createdBy: engineer.email,
    });
    expect(r.brownouts).toHaveLength(2);
    expect(r.notifiedUserIds.sort()).toEqual([crmOwner.id, flowOwner.id].sort());
    const consumers = r.consumers as unknown as TRetirementConsumer[];
    const crm = consumers.find((c) => c.nodeId === `system:${crmId}`);
    expect(crm).toMatchObject({ source: "observed", lastSeenAt: at(-2 * DAY).toISOString() });
    const entry = await db().catalogEntry.findUniqueOrThrow({ where: { kind_key: { kind: "flow", key: flowId } } });
    expect(entry.lifecycle).toBe("deprecated");

    const notices = await db().notification.findMany({ where: { kind: "retirement" } });
    expect(notices.map((n) => n.userId).sort()).toEqual([crmOwner.id, flowOwner.id].sort());
    expect(notices[0]!.title).toContain('flow "retire-orders" is deprecated');
    expect(notices[0]!.body).toContain("Move to: orders.v2 topic.");
    expect(notices[0]!.href).toBe(`/catalog/retirements/${retirementId}`);
    expect(await db().auditEntry.count({ where: { action: "retirement.deprecate", entityId: retirementId } })).toBe(1);
  });

  it("keeps one open retirement per subject", async () => {
    const error = await rejection(deprecateSubject(admin, deprecation("flow", flowId)));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/already deprecated/);
    expect(await db().notification.count({ where: { kind: "retirement" } })).toBe(2);
  });

  it("adds and removes brownouts within the rules and moves the sunset", async () => {
    const overlap = await rejection(
      addBrownout(engineer, { retirementId, startsAt: at(7 * DAY + 30 * 60_000), endsAt: at(7 * DAY + 2 * HOUR) }),
    );
    expect(overlap.message).toMatch(/must not overlap/);
    const late = await rejection(
      addBrownout(engineer, { retirementId, startsAt: at(40 * DAY - HOUR), endsAt: at(40 * DAY + HOUR) }),
    );
    expect(late.message).toMatch(/end by the sunset/);
    const added = await addBrownout(engineer, {
      retirementId,
      startsAt: at(21 * DAY),
      endsAt: at(21 * DAY + 8 * HOUR),
    });
    expect(await db().notification.count({ where: { kind: "retirement", title: { startsWith: "Brownout" } } })).toBe(2);
    await removeBrownout(engineer, { retirementId, brownoutId: added.id });
    expect(await db().retirementBrownout.count({ where: { retirementId } })).toBe(2);

    const early = await rejection(rescheduleSunset(engineer, { retirementId, sunsetAt: at(10 * DAY) }));
    expect(early.message).toMatch(/A brownout runs until .*move the sunset after it/);
    await rescheduleSunset(engineer, { retirementId, sunsetAt: at(45 * DAY) });
    expect((await db().retirement.findUniqueOrThrow({ where: { id: retirementId } })).sunsetAt).toEqual(at(45 * DAY));
  });

  it("lists it and shows its timeline with now, the consumers and the days of quiet", async () => {
    const list = await listRetirements(viewer, { status: "deprecated", q: "orders" });
    expect(list.rows.map((r) => r.id)).toEqual([retirementId]);
    expect(list.rows[0]).toMatchObject({
      consumerCount: expect.any(Number),
      nextBrownoutAt: at(7 * DAY).toISOString(),
    });
    expect((await listRetirements(viewer, { status: "retired" })).total).toBe(0);

    const detail = await getRetirementOrThrow(viewer, retirementId, at(8 * DAY));
    expect(detail.timeline.events.map((e) => [e.kind, e.state])).toEqual([
      ["deprecated", "past"],
      ["brownout", "past"],
      ["brownout", "upcoming"],
      ["sunset", "upcoming"],
    ]);
    expect(detail.timeline.nowOffset).toBeGreaterThan(detail.timeline.events[1]!.offset);
    expect(detail.quiet).toMatchObject({ daysQuiet: 10, requiredDays: 30, isQuiet: false, caller: "urn:crm" });
    expect(detail.refusal).toMatch(/refused until/);
    expect(detail.consumers.find((c) => c.name === "Retire CRM")).toMatchObject({ isNew: false, source: "observed" });
    expect(detail.notified.map((u) => u.email).sort()).toEqual([crmOwner.email, flowOwner.email].sort());
  });

  it("refuses retirement while a consumer still calls, then retires after the quiet period", async () => {
    const versionId = (await db().flowVersion.findFirstOrThrow({ where: { flowId } })).id;
    await deployFlowVersion(engineer, {
      flowVersionId: versionId,
      environmentId: env.dev,
      acknowledgeResidency: false,
    });
    await deployFlowVersion(engineer, {
      flowVersionId: versionId,
      environmentId: env.test,
      acknowledgeResidency: false,
    });

    const lastCall = at(-2 * DAY);
    const refused = await rejection(retireSubject(engineer, { retirementId }, at(5 * DAY)));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toContain('Retiring flow "retire-orders" is refused: urn:crm called it');
    expect(refused.message).toContain("7 days ago");
    expect(refused.message).toContain("needs 30 days without traffic");
    const until = new Date(lastCall.getTime() + 30 * DAY).toISOString().slice(0, 16).replace("T", " ");
    expect(refused.message).toContain(`refused until ${until} UTC`);
    // One day short of the quiet period is still refused.
    await rejection(retireSubject(engineer, { retirementId }, at(27 * DAY)));

    // The metrics cross-check: traffic the dependencies did not name still counts.
    await db().metricMinute.create({
      data: { flowId, environmentId: env.test, minute: at(-HOUR), countOk: 3, latencyBuckets: [] },
    });
    const metrics = await rejection(retireSubject(engineer, { retirementId }, at(29 * DAY)));
    expect(metrics.message).toMatch(/it handled traffic at/);

    const retired = await retireSubject(engineer, { retirementId }, at(31 * DAY));
    expect(retired).toMatchObject({ status: "retired", waiver: null, stoppedDeployments: 2 });
    const deployments = await db().deployment.findMany({ where: { flowId, activeSlot: { not: null } } });
    expect(deployments.map((d) => d.desiredState)).toEqual(["stopped", "stopped"]);
    const f = await db().flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(f.archivedAt).toEqual(at(31 * DAY));
    const entry = await db().catalogEntry.findUniqueOrThrow({ where: { kind_key: { kind: "flow", key: flowId } } });
    expect(entry.lifecycle).toBe("retired");
    const r = await db().retirement.findUniqueOrThrow({ where: { id: retirementId } });
    expect(r).toMatchObject({ status: "retired", retiredBy: engineer.email, retiredAt: at(31 * DAY) });
    expect(await db().auditEntry.count({ where: { action: "flow.stop" } })).toBe(2);
    expect(await db().auditEntry.count({ where: { action: "retirement.retire", entityId: retirementId } })).toBe(1);
    expect(await db().notification.count({ where: { kind: "retirement", title: { endsWith: "is retired" } } })).toBe(2);

    const again = await rejection(retireSubject(engineer, { retirementId }, at(32 * DAY)));
    expect(again.code).toBe("CONFLICT");
    const detail = await getRetirementOrThrow(viewer, retirementId, at(32 * DAY));
    expect(detail.timeline.phase).toBe("retired");
    expect(detail.consumers.length).toBe(detail.consumersAtDeprecation);
  });
});

describe("a waiver", () => {
  let flowId: string;
  let retirementId: string;

  beforeAll(async () => {
    ({ flowId } = await flow("retire-invoices"));
    await observeCall(flowId, "urn:crm", at(-HOUR));
    retirementId = (await deprecateSubject(engineer, deprecation("flow", flowId))).id;
  });

  it("is needed while traffic is recent", async () => {
    const error = await rejection(retireSubject(engineer, { retirementId }));
    expect(error.message).toMatch(/refused: urn:crm called it .* or retire it now with a waiver/);
  });

  it("is not a rejected change, a change in another environment or one that does not bind the flow", async () => {
    const rejected = await rejection(
      retireSubject(engineer, { retirementId, waiverChangeId: await change([flowId], "rejected") }),
    );
    expect(rejected.message).toMatch(/is rejected; only an approved, implemented or closed change/);
    const inTest = await rejection(
      retireSubject(engineer, { retirementId, waiverChangeId: await change([flowId], "approved", "test") }),
    );
    expect(inTest.message).toMatch(/is for test; a waiver is a production change/);
    const { flowId: other } = await flow("retire-unrelated");
    const unrelated = await rejection(
      retireSubject(engineer, { retirementId, waiverChangeId: await change([other], "approved") }),
    );
    expect(unrelated.message).toMatch(/does not change the flow "retire-invoices"/);
    expect((await db().retirement.findUniqueOrThrow({ where: { id: retirementId } })).status).toBe("deprecated");
  });

  it("is offered in the picker and lets an approved production change binding the flow retire it now", async () => {
    const waiver = await change([flowId], "approved");
    const options = await listWaiverChanges(viewer, { retirementId });
    expect(options.map((o) => o.id)).toEqual([waiver]);
    const retired = await retireSubject(engineer, { retirementId, waiverChangeId: waiver });
    expect(retired.waiver).toMatch(/^CHG-\d+$/);
    const r = await db().retirement.findUniqueOrThrow({ where: { id: retirementId } });
    expect(r).toMatchObject({ status: "retired", waiverChangeId: waiver });
    expect((await db().flow.findUniqueOrThrow({ where: { id: flowId } })).archivedAt).not.toBeNull();
  });
});

describe("an interface", () => {
  it("counts its flows' traffic, tells engineers and admins when nobody owns it, and retires to retiredAt", async () => {
    const erp = await db().system.create({
      data: { name: "Retire ERP", type: "erp", hosting: "cloud", criticality: "low" },
    });
    const iface = await db().interface.create({
      data: {
        name: "Legacy stock feed",
        sourceSystemId: erp.id,
        targetSystemId: erp.id,
        mechanism: "api",
        payloadFormat: "json",
        frequency: "daily",
      },
    });
    const { flowId } = await flow("retire-stock", iface.id);
    await observeCall(flowId, "stock-poller", at(-DAY), "test");

    const result = await deprecateSubject(
      engineer,
      deprecation("interface", iface.id, { quietDays: 7, brownouts: [] }),
    );
    expect(result.isFallback).toBe(true);
    const r = await db().retirement.findUniqueOrThrow({ where: { id: result.id } });
    // Everyone holding the fallback roles but the actor.
    expect(r.notifiedUserIds.sort()).toEqual([admin.id, engineer2.id].sort());
    expect(r.subjectName).toBe("Legacy stock feed");

    const refused = await rejection(retireSubject(admin, { retirementId: result.id }, at(3 * DAY)));
    expect(refused.message).toContain(
      'interface "Legacy stock feed" (Retire ERP → Retire ERP) is refused: stock-poller',
    );
    await retireSubject(admin, { retirementId: result.id }, at(7 * DAY));
    expect((await db().interface.findUniqueOrThrow({ where: { id: iface.id } })).retiredAt).toEqual(at(7 * DAY));
    // Retiring the interface leaves its flow running.
    expect((await db().flow.findUniqueOrThrow({ where: { id: flowId } })).archivedAt).toBeNull();
  });
});

describe("day rollups", () => {
  it("count until the day's end, and today's only until now", async () => {
    const { flowId } = await flow("retire-daily");
    const today = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()));
    await db().metricDay.create({
      data: { flowId, environmentId: env.prod!, day: new Date(today.getTime() - 3 * DAY), countOk: 40 },
    });
    const { id } = await deprecateSubject(engineer, deprecation("flow", flowId, { quietDays: 5, brownouts: [] }));
    const refused = await rejection(retireSubject(engineer, { retirementId: id }, at(HOUR)));
    const dayEnd = new Date(today.getTime() - 2 * DAY).toISOString().slice(0, 16).replace("T", " ");
    expect(refused.message).toContain(`it handled traffic at ${dayEnd} UTC`);

    await db().metricDay.create({ data: { flowId, environmentId: env.prod!, day: today, countFailed: 1 } });
    const detail = await getRetirementOrThrow(viewer, id, NOW);
    expect(detail.quiet).toMatchObject({ lastTrafficAt: NOW, daysQuiet: 0, source: "metrics", environmentKey: "prod" });
  });
});

describe("cancelling", () => {
  it("puts the flow back in production and ends the open retirement", async () => {
    const { flowId } = await flow("retire-cancelled");
    const { id } = await deprecateSubject(engineer, deprecation("flow", flowId));
    await cancelRetirement(engineer, { retirementId: id, reason: "Still needed by finance" });
    const entry = await db().catalogEntry.findUniqueOrThrow({ where: { kind_key: { kind: "flow", key: flowId } } });
    expect(entry.lifecycle).toBe("production");
    expect((await db().retirement.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    expect((await rejection(retireSubject(engineer, { retirementId: id }))).code).toBe("CONFLICT");
    expect(
      (await rejection(addBrownout(engineer, { retirementId: id, startsAt: at(DAY), endsAt: at(DAY + HOUR) }))).code,
    ).toBe("CONFLICT");
    // A cancelled retirement no longer blocks a new one.
    await deprecateSubject(engineer, deprecation("flow", flowId));
  });
});
