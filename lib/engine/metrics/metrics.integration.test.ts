import type { TPromFamily, TPromHistogramSample } from "parse-prometheus-text-format";
import type pg from "pg";
import { Histogram, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import type { TEngine } from "@/lib/engine/runtime/engine";
import {
  bootEngine,
  deployRunning,
  parsePromText,
  promSamples,
  promValue,
  scrapeMetrics,
  startHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
} from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { deployFlowDirect } from "@/lib/engine/runtime/deploy";
import { flowMetrics } from "@/lib/services/flows";
import { LATENCY_BOUNDS_MS } from "./buckets";
import { MinuteRollup } from "./rollup";

const dbUrl = useTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const OK = 24;
const BAD = 8;
/** The sink answers after this long, so every successful run takes at least as long. */
const SINK_DELAY_MS = 150;

function histogram(families: TPromFamily[], name: string, labels: Record<string, string>): TPromHistogramSample {
  const [sample, ...more] = promSamples(families, name, labels);
  if (!sample || more.length || !("buckets" in sample))
    throw new Error(`${name} ${JSON.stringify(labels)}: expected one histogram series`);
  return sample;
}

/** Cumulative bucket counts by upper bound (seconds), +Inf last. */
function bucketsOf(h: TPromHistogramSample): [number, number][] {
  return Object.entries(h.buckets)
    .map(([le, n]): [number, number] => [le === "+Inf" ? Infinity : Number(le), Number(n)])
    .sort((a, b) => a[0] - b[0]);
}

// What /metrics and the portal's charts report after known traffic: OK orders that reach the sink
// and BAD ones that fail validation and go to the dead letter channel, all sent through the gateway.
describe("engine metrics after known traffic", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  const queues: string[] = [];

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    target = await startHttpTarget();
    target.state.delayMs = SINK_DELAY_MS;
    engine = await bootEngine(dbUrl(), "postgres", { metricsFlushMs: 300 });
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await target.close();
    await pool.end();
  });

  it("reads every series of a labelled histogram from the text format", async () => {
    const registry = new Registry();
    const h = new Histogram({
      name: "h_seconds",
      help: "h",
      labelNames: ["flow"],
      buckets: [0.1, 1],
      registers: [registry],
    });
    h.observe({ flow: "a" }, 0.05);
    h.observe({ flow: "b" }, 0.5);
    h.observe({ flow: "b" }, 2);
    const [family] = parsePromText(await registry.metrics());
    expect(family).toMatchObject({ name: "h_seconds", type: "HISTOGRAM" });
    expect(family.metrics).toEqual([
      { labels: { flow: "a" }, buckets: { "0.1": "1", "1": "1", "+Inf": "1" }, count: "1", sum: "0.05" },
      { labels: { flow: "b" }, buckets: { "0.1": "0", "1": "1", "+Inf": "2" }, count: "2", sum: "2.5" },
    ]);
  });

  it("counts runs, steps, dead letters and gateway requests, and the histograms and minute rollups agree", async () => {
    const flow = uniq("metrics");
    const input = uniq("sb-test.metrics-in");
    queues.push(input, `sb.flow.${flow}.dev`);
    const d = await deployRunning(pool, flow, {
      input: { use: "queue", config: { queue: input } },
      steps: [
        {
          id: "validate",
          use: "validate_json_schema",
          config: {
            schema: {
              type: "object",
              required: ["orderId"],
              properties: { orderId: { type: "integer", minimum: 0 } },
            },
          },
        },
      ],
      outputs: [{ id: "sink", use: "http", config: { url: target.url } }],
      policy: { concurrency: 8 },
    });

    const bodies = [
      ...Array.from({ length: OK }, (_, i) => ({ orderId: i })),
      ...Array.from({ length: BAD }, (_, i) => ({ orderId: -1 - i })),
    ].sort(() => Math.random() - 0.5);
    const codes = await Promise.all(
      bodies.map(async (b) => {
        const res = await fetch(`http://127.0.0.1:${engine.port}/flows/${flow}/dev`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(b),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(codes).toEqual(bodies.map(() => 202));

    const labels = { flow, env: "dev" };
    const m = await waitFor(
      async () => {
        const f = await scrapeMetrics(engine.port);
        const done =
          promValue(f, "switchboard_runs_total", { ...labels, status: "ok" }) +
          promValue(f, "switchboard_runs_total", { ...labels, status: "dead_lettered" });
        return done >= OK + BAD ? f : null;
      },
      `${OK + BAD} runs on /metrics`,
      30_000,
      100,
    );

    // Counters.
    expect(promValue(m, "switchboard_runs_total", { ...labels, status: "ok" })).toBe(OK);
    expect(promValue(m, "switchboard_runs_total", { ...labels, status: "dead_lettered" })).toBe(BAD);
    expect(promValue(m, "switchboard_runs_total", { ...labels, status: "failed" })).toBe(0);
    expect(promValue(m, "switchboard_dead_letters_total", labels)).toBe(BAD);
    expect(promValue(m, "switchboard_steps_total", { ...labels, step: "validate", outcome: "ok" })).toBe(OK);
    expect(promValue(m, "switchboard_steps_total", { ...labels, step: "validate", outcome: "failed" })).toBe(BAD);
    expect(promValue(m, "switchboard_steps_total", { ...labels, step: "sink", outcome: "ok" })).toBe(OK);
    expect(promSamples(m, "switchboard_steps_total", { ...labels, step: "sink" })).toHaveLength(1);
    expect(promValue(m, "switchboard_gateway_requests_total", { ...labels, code: "202" })).toBe(OK + BAD);
    expect(m.find((f) => f.name === "switchboard_runs_total")?.type).toBe("COUNTER");

    // The run histogram: one observation per run; cumulative buckets; no success faster than the sink.
    const run = histogram(m, "switchboard_run_duration_seconds", labels);
    const runBuckets = bucketsOf(run);
    expect(Number(run.count)).toBe(OK + BAD);
    expect(runBuckets.at(-1)).toEqual([Infinity, OK + BAD]);
    for (let i = 1; i < runBuckets.length; i++) expect(runBuckets[i][1]).toBeGreaterThanOrEqual(runBuckets[i - 1][1]);
    expect(Number(run.buckets["0.1"])).toBeLessThanOrEqual(BAD);
    expect(Number(run.sum)).toBeGreaterThanOrEqual((OK * SINK_DELAY_MS) / 1000);
    // The sink's own histogram: OK observations, each at least the sink's delay.
    const sink = histogram(m, "switchboard_step_duration_seconds", { ...labels, step: "sink" });
    expect(Number(sink.count)).toBe(OK);
    expect(Number(sink.buckets["0.1"])).toBe(0);
    expect(Number(sink.buckets["+Inf"])).toBe(OK);
    expect(Number(sink.sum)).toBeGreaterThanOrEqual((OK * SINK_DELAY_MS) / 1000);
    expect(Number(histogram(m, "switchboard_step_duration_seconds", { ...labels, step: "validate" }).count)).toBe(
      OK + BAD,
    );

    // The minute rollups the portal charts read, from the same observations.
    type TRollup = { step: string; ok: number; failed: number; dl: number; sumMs: number; buckets: number[] };
    const rollups = await waitFor(async () => {
      const r = await pool.query<TRollup>(
        `SELECT "step", sum("countOk")::int AS ok, sum("countFailed")::int AS failed,
                  sum("countDeadLettered")::int AS dl, sum("latencySumMs")::float8 AS "sumMs",
                  (SELECT array_agg(s ORDER BY i) FROM (
                     SELECT i, sum(b)::int AS s FROM "MetricMinute" m2, unnest(m2."latencyBuckets") WITH ORDINALITY AS u(b, i)
                     WHERE m2."flowId" = m."flowId" AND m2."environmentId" = m."environmentId" AND m2."step" = m."step"
                     GROUP BY i) t) AS buckets
           FROM "MetricMinute" m WHERE "flowId" = $1 AND "environmentId" = $2
           GROUP BY "flowId", "environmentId", "step" ORDER BY "step"`,
        [d.flowId, d.environmentId],
      );
      const whole = r.rows.find((x) => x.step === "");
      return whole && whole.ok + whole.dl >= OK + BAD ? r.rows : null;
    }, "the minute rollups to be flushed");
    const byStep = new Map(rollups.map((r) => [r.step, r]));
    expect([...byStep.keys()]).toEqual(["", "sink", "validate"]);
    expect(byStep.get("")).toMatchObject({ ok: OK, failed: 0, dl: BAD });
    expect(byStep.get("validate")).toMatchObject({ ok: OK, failed: BAD, dl: 0 });
    expect(byStep.get("sink")).toMatchObject({ ok: OK, failed: 0, dl: 0 });
    // Same durations as the Prometheus histogram: the sums match, and so does every bucket bound the
    // two histograms share (the rollup's buckets are not cumulative; Prometheus's are).
    const whole = byStep.get("")!;
    expect(whole.sumMs).toBeCloseTo(Number(run.sum) * 1000, 3);
    const cumulative = whole.buckets.map((_, i) => whole.buckets.slice(0, i + 1).reduce((a, b) => a + b, 0));
    expect(cumulative.at(-1)).toBe(OK + BAD);
    let shared = 0;
    for (const [le, n] of runBuckets) {
      const i = le === Infinity ? LATENCY_BOUNDS_MS.length : LATENCY_BOUNDS_MS.findIndex((b) => b === le * 1000);
      if (i < 0) continue;
      shared++;
      expect({ le, n: cumulative[i] }).toEqual({ le, n });
    }
    expect(shared).toBeGreaterThanOrEqual(8);
    expect(byStep.get("sink")!.buckets.slice(0, LATENCY_BOUNDS_MS.indexOf(100) + 1)).toEqual(
      LATENCY_BOUNDS_MS.slice(0, LATENCY_BOUNDS_MS.indexOf(100) + 1).map(() => 0),
    );

    // What the flow's charts get from the service.
    const charts = await flowMetrics(viewer, { flowId: d.flowId, environmentId: d.environmentId, minutes: 5 });
    expect(charts?.totals).toEqual({
      throughput: OK + BAD,
      ok: OK,
      failed: 0,
      deadLettered: BAD,
      successRate: Math.round((OK / (OK + BAD)) * 1000) / 10,
    });
    const busy = charts!.points.filter((p) => p.throughput > 0);
    expect(busy.reduce((a, p) => a + p.ok, 0)).toBe(OK);
    // Some minute's p95 lands among the successes, which all took longer than the sink's delay.
    expect(Math.max(...busy.map((p) => p.p95Ms ?? 0))).toBeGreaterThan(100);
  });

  it("adds each whole-run cell into MetricDay on its UTC day, summed across flushes", async () => {
    const dayFlow = uniq("metric-day");
    const d = await deployFlowDirect(pool, {
      flowName: dayFlow,
      environmentKey: "test",
      deployedBy: "test",
      desiredState: "stopped",
      spec: {
        name: dayFlow,
        input: { use: "queue", config: { queue: uniq("sb-test.day") } },
        outputs: [{ id: "sink", use: "http", config: { url: target.url } }],
      },
    });
    const rollup = new MinuteRollup(pool);
    const at = (iso: string) => Date.parse(iso);
    const observe = (step: string, outcome: "ok" | "failed" | "filtered" | "dead_lettered", iso: string, n = 1) => {
      for (let i = 0; i < n; i++) rollup.observe(d.flowId, d.environmentId, step, outcome, 12, at(iso));
    };
    // Two minutes late on the 1st, one just past midnight (the 2nd); step cells never reach the day.
    observe("", "ok", "2026-11-01T23:58:10Z", 3);
    observe("", "dead_lettered", "2026-11-01T23:59:50Z");
    observe("", "ok", "2026-11-02T00:00:05Z", 2);
    observe("sink", "ok", "2026-11-01T23:58:10Z", 3);
    await rollup.flush({}, at("2026-11-02T00:01:00Z"));
    observe("", "ok", "2026-11-01T23:59:00Z", 4);
    observe("", "failed", "2026-11-01T23:59:00Z");
    observe("", "filtered", "2026-11-02T00:00:30Z");
    await rollup.flush({}, at("2026-11-02T00:02:00Z"));
    // A gauge-only cell (no runs) adds nothing to the day.
    await rollup.flush(
      { dlq: [{ flowId: d.flowId, environmentId: d.environmentId, depth: 5 }] },
      at("2026-11-02T00:03:00Z"),
    );

    const { rows } = await pool.query(
      `SELECT to_char("day", 'YYYY-MM-DD') AS day, "countOk" AS ok, "countFailed" AS failed, "countFiltered" AS filtered, "countDeadLettered" AS dl
       FROM "MetricDay" WHERE "flowId" = $1 AND "environmentId" = $2 ORDER BY "day"`,
      [d.flowId, d.environmentId],
    );
    expect(rows).toEqual([
      { day: "2026-11-01", ok: 7, failed: 1, filtered: 0, dl: 1 },
      { day: "2026-11-02", ok: 2, failed: 0, filtered: 1, dl: 0 },
    ]);
    // The minutes agree with the days they add up to.
    const minutes = await pool.query(
      `SELECT sum("countOk")::int AS ok FROM "MetricMinute" WHERE "flowId" = $1 AND "environmentId" = $2 AND "step" = ''`,
      [d.flowId, d.environmentId],
    );
    expect(minutes.rows[0].ok).toBe(9);
  });
});
