import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import { listFlows } from ".";
import { flowListHealth, HEALTH_HOURS } from "./list-health";

withTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// A fixed clock, mid-minute: the window is the 1,440 minutes ending with 12:34.
const NOW = new Date("2030-03-04T12:34:30.000Z");
const CURRENT = new Date("2030-03-04T12:34:00.000Z").getTime();

const ids = { both: "", devOnly: "", nowhere: "" };
const versions: Record<string, string> = {};

async function flowWithVersion(name: string): Promise<string> {
  const flow = await db().flow.create({
    data: {
      name,
      createdBy: "test",
      versions: { create: { version: 1, spec: {}, contentHash: `h-${name}`, createdBy: "test" } },
    },
    include: { versions: true },
  });
  versions[flow.id] = flow.versions[0].id;
  return flow.id;
}

// The engine writes deployments and rollups; the test stands in for it with plain inserts.
async function deploy(flowId: string, environmentId: string) {
  await db().deployment.create({
    data: {
      flowId,
      flowVersionId: versions[flowId],
      environmentId,
      contentHash: "h",
      deployedBy: "test",
      activeSlot: `${flowId}:${environmentId}`,
    },
  });
}

type Minute = Partial<{
  ok: number;
  failed: number;
  dl: number;
  filtered: number;
  backlog: number | null;
  dlqDepth: number | null;
}>;

async function minute(flowId: string, environmentId: string, at: number, m: Minute, step = "") {
  await db().metricMinute.create({
    data: {
      flowId,
      environmentId,
      step,
      minute: new Date(at),
      countOk: m.ok ?? 0,
      countFailed: m.failed ?? 0,
      countDeadLettered: m.dl ?? 0,
      countFiltered: m.filtered ?? 0,
      latencyBuckets: [],
      backlogDepth: m.backlog ?? null,
      dlqDepth: m.dlqDepth ?? null,
    },
  });
}

async function deadLetter(flowId: string, environmentId: string, status: "pending" | "discarded" = "pending") {
  await db().deadLetter.create({
    data: {
      flowId,
      flowVersionId: versions[flowId],
      environmentId,
      messageId: `m-${Math.random()}`,
      correlationId: "c",
      originalBody: "{}",
      contentType: "application/json",
      failedStep: "deliver",
      error: "HTTP 503",
      status,
    },
  });
}

beforeAll(async () => {
  ids.both = await flowWithVersion("health-both");
  ids.devOnly = await flowWithVersion("health-dev-only");
  ids.nowhere = await flowWithVersion("health-nowhere");
  await deploy(ids.both, "env_dev");
  await deploy(ids.both, "env_prod");
  await deploy(ids.devOnly, "env_dev");

  // health-both in prod: 90 ok + 10 failed in the current hour, 40 ok + 2 dead-lettered + 8 filtered
  // five hours ago, and the oldest minute of the window; rows outside the window must not count.
  await minute(ids.both, "env_prod", CURRENT, { ok: 50, failed: 4, backlog: 7 });
  await minute(ids.both, "env_prod", CURRENT - 30 * MINUTE, { ok: 40, failed: 6, backlog: 3 });
  await minute(ids.both, "env_prod", CURRENT - 5 * HOUR, { ok: 40, dl: 2, filtered: 8, backlog: 12 });
  await minute(ids.both, "env_prod", CURRENT - 23 * HOUR - 59 * MINUTE, { ok: 10 });
  await minute(ids.both, "env_prod", CURRENT - 24 * HOUR, { ok: 1_000, failed: 1_000 });
  await minute(ids.both, "env_prod", CURRENT + MINUTE, { ok: 1_000, failed: 1_000 });
  // Step rows repeat the flow's messages per step: they are not the flow's throughput.
  await minute(ids.both, "env_prod", CURRENT, { ok: 500, failed: 500 }, "map");
  // Dev traffic of the same flow is a different environment.
  await minute(ids.both, "env_dev", CURRENT, { failed: 99 });
  await deadLetter(ids.both, "env_prod");
  await deadLetter(ids.both, "env_prod");
  await deadLetter(ids.both, "env_prod", "discarded");
  await deadLetter(ids.both, "env_dev");

  await minute(ids.devOnly, "env_dev", CURRENT - 2 * HOUR, { ok: 3, failed: 1 });
});

describe("flow list health", () => {
  it("sums 24 hours of flow rollups per hour, with the success rate, latest backlog and pending dead letters", async () => {
    const health = await flowListHealth(viewer, [{ flowId: ids.both, environmentId: "env_prod" }], NOW);
    const h = health.get(ids.both)!;
    expect(h.hourly).toHaveLength(HEALTH_HOURS);
    const expected = new Array<number>(HEALTH_HOURS).fill(0);
    expected[23] = 54 + 46;
    expected[18] = 50;
    expected[0] = 10;
    expect(h.hourly).toEqual(expected);
    // ok 140 of finished 152 (failed 10, dead-lettered 2); filtered messages are not outcomes.
    expect(h.finished).toBe(152);
    expect(h.successRate).toBe(Math.round((140 / 152) * 1000) / 10);
    expect(h.backlog).toBe(7);
    expect(h.backlogAt).toBe(new Date(CURRENT).toISOString());
    expect(h.deadLetters).toBe(2);
  });

  it("reports a flow without traffic as no data, not as 0 %", async () => {
    const quiet = await flowListHealth(viewer, [{ flowId: ids.nowhere, environmentId: "env_prod" }], NOW);
    expect(quiet.get(ids.nowhere)).toMatchObject({
      successRate: null,
      finished: 0,
      backlog: null,
      deadLetters: 0,
      hourly: new Array<number>(HEALTH_HOURS).fill(0),
    });
  });

  it("reads every flow of a page in one query", async () => {
    const raw = vi.spyOn(db(), "$queryRaw");
    const health = await flowListHealth(
      viewer,
      [
        { flowId: ids.both, environmentId: "env_dev" },
        { flowId: ids.devOnly, environmentId: "env_dev" },
      ],
      NOW,
    );
    expect(raw).toHaveBeenCalledTimes(1);
    raw.mockRestore();
    expect(health.get(ids.both)).toMatchObject({ successRate: 0, finished: 99, deadLetters: 1 });
    expect(health.get(ids.devOnly)).toMatchObject({ successRate: 75, finished: 4 });
  });
});

describe("flows list", () => {
  it("shows production when the flow runs there, else the first environment it runs in, else nothing", async () => {
    const rows = (await listFlows(viewer, ZListQuery.parse({ q: "health-" }))).rows;
    const byName = new Map(rows.map((r) => [r.name, r.health]));
    expect(byName.get("health-both")?.environmentKey).toBe("prod");
    expect(byName.get("health-dev-only")?.environmentKey).toBe("dev");
    expect(byName.get("health-nowhere")).toBeNull();
  });

  it("reports on the filtered environment", async () => {
    const rows = (await listFlows(viewer, ZListQuery.parse({ q: "health-", filters: { environment: "dev" } }))).rows;
    expect(rows.map((r) => [r.name, r.health?.environmentKey])).toEqual([
      ["health-both", "dev"],
      ["health-dev-only", "dev"],
    ]);
    expect(rows[0].health?.deadLetters).toBe(1);
  });

  it("keeps search, sorting and pagination", async () => {
    const page = await listFlows(viewer, ZListQuery.parse({ q: "health-", sort: "name", dir: "desc", pageSize: 2 }));
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.name)).toEqual(["health-nowhere", "health-dev-only"]);
    const second = await listFlows(
      viewer,
      ZListQuery.parse({ q: "health-", sort: "name", dir: "desc", pageSize: 2, page: 2 }),
    );
    expect(second.rows.map((r) => r.name)).toEqual(["health-both"]);
  });
});
