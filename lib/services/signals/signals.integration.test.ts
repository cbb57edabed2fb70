import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { BUCKET_COUNT, bucketIndex } from "@/lib/engine/metrics/buckets";
import { saveFlowVersion } from "@/lib/services/flows";
import { changeFailureRate, healthScore, readSignals, trafficWindow } from ".";

withTestDatabase();
const NOW = new Date("2026-06-15T12:00:00Z");
const HOUR = 3_600_000;
let flowId: string;
let versionId: string;
const env = "env_prod";

function buckets(ms: number, n: number): number[] {
  const b = new Array<number>(BUCKET_COUNT).fill(0);
  b[bucketIndex(ms)] = n;
  return b;
}

async function minute(
  hoursAgo: number,
  row: { ok: number; failed?: number; dl?: number; ms: number; dlq?: number; backlog?: number },
) {
  await db().metricMinute.create({
    data: {
      flowId,
      environmentId: env,
      step: "",
      minute: new Date(NOW.getTime() - hoursAgo * HOUR),
      countOk: row.ok,
      countFailed: row.failed ?? 0,
      countDeadLettered: row.dl ?? 0,
      latencyBuckets: buckets(row.ms, row.ok + (row.failed ?? 0) + (row.dl ?? 0)),
      dlqDepth: row.dlq ?? null,
      backlogDepth: row.backlog ?? null,
    },
  });
}

beforeAll(async () => {
  const saved = await saveFlowVersion(
    systemActor("test"),
    {
      spec: {
        name: "signals-feed",
        input: { use: "http", config: { path: "/signals" } },
        steps: [],
        outputs: [{ id: "deliver", use: "http", config: { url: "http://127.0.0.1:4100/x" } }],
      },
    },
    "import",
  );
  flowId = saved.flowId;
  versionId = saved.version.id;
  // Last 24h: 90 ok, 6 failed, 4 dead-lettered (10% errors), fast; the day before: 100 ok, slower.
  await minute(2, { ok: 90, failed: 6, dl: 4, ms: 40, backlog: 250, dlq: 3 });
  await minute(30, { ok: 100, ms: 40 });
  await minute(1.5 + 24 * 40, { ok: 5, ms: 40 }); // outside every window
  for (let i = 0; i < 3; i++)
    await db().deadLetter.create({
      data: {
        flowId,
        flowVersionId: versionId,
        environmentId: env,
        messageId: `m${i}`,
        correlationId: `c${i}`,
        originalBody: "{}",
        failedStep: "deliver",
        error: "boom",
      },
    });
  await db().deployment.create({
    data: {
      flowId,
      flowVersionId: versionId,
      environmentId: env,
      contentHash: saved.version.contentHash,
      deployedBy: "test",
      activatedAt: new Date(NOW.getTime() - 10 * 24 * HOUR),
    },
  });
});

describe("signals from the rollups", () => {
  it("sums whole-flow minute rows inside the window only", async () => {
    const w = await trafficWindow(
      db(),
      { flowIds: [flowId], environmentId: env },
      new Date(NOW.getTime() - 24 * HOUR),
      NOW,
    );
    expect(w).toMatchObject({ ok: 90, failed: 6, deadLettered: 4, finished: 100 });
    expect(w.buckets.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("reads every signal with its score", async () => {
    const signals = await readSignals(db(), { flowIds: [flowId], environmentId: env }, NOW);
    const by = Object.fromEntries(signals.map((s) => [s.key, s]));
    expect(by.errorRate).toMatchObject({ value: 10, score: 50, trend: "worsening" });
    expect(by.latency.value).toBeGreaterThan(0);
    expect(by.latency).toMatchObject({ score: 100, trend: "steady" });
    expect(by.deadLetters).toMatchObject({ value: 3, score: 85 });
    expect(by.backlog.value).toBeNull(); // the gauge is two hours old: nothing measured in the last hour
    expect(by.lastChange).toMatchObject({ value: 10, score: 100 });
    expect(by.changeFailures).toMatchObject({ value: 0, score: 100 });
    expect(by.deprecatedDependencies).toMatchObject({ value: 0, score: 100 });
    // (50·3 + 100·2 + 85·2 + 100·1 + 100·1 + 100·2) / 11; backlog has no value and does not count.
    expect(healthScore(signals)).toBe(84);
  });

  it("reads the backlog gauge within its hour", async () => {
    const [backlog] = await readSignals(
      db(),
      { flowIds: [flowId], environmentId: env },
      new Date(NOW.getTime() - 1.5 * HOUR),
      ["backlog"],
    );
    expect(backlog).toMatchObject({ value: 250, score: 75 });
  });
});

describe("deprecated dependencies", () => {
  it("counts the deprecated or retired entries a flow reads from or delivers to", async () => {
    const erp = await db().system.create({
      data: {
        name: "Legacy ERP",
        type: "erp",
        hosting: "on_prem",
        criticality: "high",
        lifecycle: "phase_out",
        endpoints: ["http://127.0.0.1:4100"],
      },
    });
    const [dep] = await readSignals(db(), { flowIds: [flowId], environmentId: env }, NOW, ["deprecatedDependencies"]);
    expect(dep).toMatchObject({ value: 1, score: 75 });
    expect(dep.detail).toContain("Legacy ERP (deprecated)");
    await db().system.update({ where: { id: erp.id }, data: { lifecycle: "active" } });
    const [after] = await readSignals(db(), { flowIds: [flowId], environmentId: env }, NOW, ["deprecatedDependencies"]);
    expect(after).toMatchObject({ value: 0, score: 100 });
  });
});

describe("change failure rate", () => {
  it("is the share of implemented changes that were rolled back, rollbacks left out", async () => {
    const base = {
      type: "normal" as const,
      environmentId: env,
      windowStart: NOW,
      windowEnd: NOW,
      requestedByEmail: "a@example.com",
      implementedAt: new Date(NOW.getTime() - 5 * 24 * HOUR),
    };
    const ok = await db().changeRequest.create({ data: { ...base, title: "ok", status: "implemented" } });
    const bad = await db().changeRequest.create({ data: { ...base, title: "bad", status: "implemented" } });
    await db().changeRequest.create({ data: { ...base, title: "undo", status: "implemented", rollbackOfId: bad.id } });
    await db().changeRequest.create({ data: { ...base, title: "manual", status: "rolled_back" } });
    await db().changeRequest.create({
      data: { ...base, title: "old", status: "rolled_back", implementedAt: new Date(NOW.getTime() - 200 * 24 * HOUR) },
    });
    const r = await changeFailureRate(db(), {
      environmentId: env,
      from: new Date(NOW.getTime() - 90 * 24 * HOUR),
      to: NOW,
    });
    expect(r).toEqual({ implemented: 3, failed: 2, rate: 2 / 3 });
    expect(ok.id).toBeTruthy();
  });
});
