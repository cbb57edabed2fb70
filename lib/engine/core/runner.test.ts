import { describe, expect, it } from "vitest";
import { createRegistry } from "@/lib/engine/components";
import { ZFlowSpec, type TFlowSpecInput } from "@/lib/validation/flow-spec";
import { CircuitBreakers } from "./circuit-breakers";
import type { Output } from "./contracts";
import { HttpStatusError } from "./errors";
import { MemoryDedupeStore } from "@/lib/engine/components/pure/memory-dedupe-store";
import { createMessage, IDEMPOTENCY_HEADER, REPLAY_HEADER, type Message } from "./message";
import type { TStepEvent } from "./observer";
import { FlowRunner, IDEMPOTENCY_STEP, type TRunnerOptions } from "./runner";

type Behaviour = (msg: Message, call: number) => void;

function capture(behaviour: Behaviour = () => {}, endpoint?: string) {
  const written: Message[] = [];
  let calls = 0;
  const output: Output = {
    endpoint,
    connect: async () => {},
    close: async () => {},
    write: async (msg) => {
      behaviour(msg, ++calls);
      written.push(msg);
    },
  };
  return { output, written, calls: () => calls };
}

const fastRetry = { maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0, multiplier: 1 };

function runner(
  raw: Omit<TFlowSpecInput, "name" | "input"> & { name?: string },
  outputs: Record<string, Output>,
  opts: TRunnerOptions = {},
) {
  const spec = ZFlowSpec.parse({
    name: "t",
    input: { use: "http", config: { path: "/t" } },
    ...raw,
    policy: { retry: fastRetry, ...raw.policy },
  });
  return new FlowRunner(spec, createRegistry(), { ...opts, outputFactory: (o) => outputs[o.id] });
}

const order = (total: number, extra: Record<string, unknown> = {}) =>
  createMessage({ body: { orderId: "PO-1", total, ...extra } });

describe("FlowRunner", () => {
  it("applies policy.idempotencyKey: a second message with the key is filtered, its own redelivery and a replay run", async () => {
    const out = capture();
    const events: TStepEvent[] = [];
    const r = runner(
      {
        steps: [],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
        policy: { idempotencyKey: "orderId", dlq: true },
      },
      { o: out.output },
      { deps: { dedupeStore: new MemoryDedupeStore() }, observer: { onStep: (e) => void events.push(e) } },
    );
    const first = order(1);
    expect((await r.run(first)).status).toBe("ok");
    expect(out.written[0].headers[IDEMPOTENCY_HEADER]).toBe("PO-1");
    expect((await r.run(first)).status).toBe("ok"); // redelivered: same message id
    const dup = await r.run(order(1));
    expect(dup.status).toBe("filtered");
    expect(events.at(-1)).toMatchObject({ runId: dup.runId, stepId: IDEMPOTENCY_STEP, outcome: "filtered" });
    expect(
      (await r.run(createMessage({ body: { orderId: "PO-1" }, headers: { [REPLAY_HEADER]: "dl-1" } }))).status,
    ).toBe("ok");
    expect(out.written).toHaveLength(3);
    const down = runner(
      {
        steps: [],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
        policy: { idempotencyKey: "orderId" },
      },
      { o: out.output },
      {
        deps: { dedupeStore: { claim: async () => Promise.reject(new Error("connection refused")) } },
      },
    );
    await expect(down.run(order(2))).rejects.toThrow("connection refused"); // redelivered, not routed as failed
    const keyless = await r.run(createMessage({ body: { total: 1 } }));
    expect(keyless.status).toBe("dead_lettered");
    expect(keyless.deadLetters[0]).toMatchObject({ failedStep: IDEMPOTENCY_STEP, errorClass: "permanent" });
  });

  it("overlaps the idempotency claim with the pure steps: a duplicate reaches no output and shows none of their events", async () => {
    const out = capture();
    const events: TStepEvent[] = [];
    const store = new MemoryDedupeStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const claims: string[] = [];
    const slowStore = {
      claim: async (key: string, ttl: number, c?: { messageId?: string }) => {
        claims.push(key);
        await gate;
        return store.claim(key, ttl, c);
      },
    };
    const r = runner(
      {
        steps: [{ id: "map", use: "transform_jsonata", config: { expression: '{"orderId": orderId, "n": total}' } }],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
        policy: { idempotencyKey: "orderId" },
      },
      { o: out.output },
      { deps: { dedupeStore: slowStore }, observer: { onStep: (e) => void events.push(e) } },
    );
    const first = r.run(order(1));
    const dup = r.run(order(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(claims).toHaveLength(2);
    expect(out.written).toHaveLength(0); // nothing is written before the claim is known
    expect(events).toHaveLength(0); // the pure step ran, its event waits for the claim
    release();
    const [a, b] = await Promise.all([first, dup]);
    expect([a.status, b.status]).toEqual(["ok", "filtered"]);
    expect(out.written).toHaveLength(1);
    expect(events.filter((e) => e.stepId === "map").map((e) => e.runId)).toEqual([a.runId]);
    expect(events.filter((e) => e.runId === b.runId).map((e) => e.stepId)).toEqual([IDEMPOTENCY_STEP]);
    const down = runner(
      {
        steps: [{ id: "map", use: "transform_jsonata", config: { expression: '{"orderId": orderId}' } }],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
        policy: { idempotencyKey: "orderId" },
      },
      { o: out.output },
      { deps: { dedupeStore: { claim: () => Promise.reject(new Error("connection refused")) } } },
    );
    await expect(down.run(order(2))).rejects.toThrow("connection refused");
    expect(out.written).toHaveLength(1);
  });

  it("routes by content to the matching output", async () => {
    const big = capture();
    const small = capture();
    const r = runner(
      {
        steps: [
          {
            id: "route",
            use: "route",
            config: { branches: [{ name: "big", when: "total > 100" }], otherwise: "small" },
          },
        ],
        outputs: [
          { id: "big_out", use: "http", config: { url: "http://x" }, when: ["big"] },
          { id: "small_out", use: "http", config: { url: "http://x" }, when: ["small"] },
        ],
      },
      { big_out: big.output, small_out: small.output },
    );
    const res = await r.run(order(500));
    await r.run(order(5));
    expect(res.status).toBe("ok");
    expect(res.delivered.map((d) => d.outputId)).toEqual(["big_out"]);
    expect(big.written).toHaveLength(1);
    expect(small.written).toHaveLength(1);
    expect(small.written[0].body).toMatchObject({ total: 5 });
  });

  it("drops filtered messages and reports status filtered", async () => {
    const out = capture();
    const r = runner(
      {
        steps: [{ id: "f", use: "filter", config: { when: "total > 10" } }],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
      },
      { o: out.output },
    );
    expect((await r.run(order(1))).status).toBe("filtered");
    expect((await r.run(order(11))).status).toBe("ok");
    expect(out.written).toHaveLength(1);
  });

  it("marks a failed step, skips later steps, and lets a route branch on the failure", async () => {
    const ok = capture();
    const rejected = capture();
    const events: TStepEvent[] = [];
    const r = runner(
      {
        steps: [
          {
            id: "validate",
            use: "validate_json_schema",
            config: { schema: { type: "object", required: ["customer"] } },
          },
          { id: "map", use: "transform_jsonata", config: { expression: '{"id": orderId}' } },
          { id: "route", use: "route", config: { branches: [{ name: "bad", when: "$failed" }], otherwise: "good" } },
        ],
        outputs: [
          { id: "ok", use: "http", config: { url: "http://x" }, when: ["good"] },
          { id: "rejected", use: "http", config: { url: "http://x" }, when: ["bad"] },
        ],
      },
      { ok: ok.output, rejected: rejected.output },
      { observer: { onStep: (e) => void events.push(e) } },
    );
    const res = await r.run(order(1));
    expect(res.status).toBe("ok");
    expect(rejected.written).toHaveLength(1);
    expect(rejected.written[0].error).toMatchObject({ failedStep: "validate", errorClass: "permanent" });
    expect(rejected.written[0].body).toMatchObject({ orderId: "PO-1" }); // the transform was skipped
    expect(events.map((e) => `${e.stepId}:${e.outcome}`)).toEqual([
      "validate:failed",
      "map:skipped",
      "route:ok",
      "rejected:ok",
    ]);
    await r.run(order(1, { customer: {} }));
    expect(ok.written[0].body).toEqual({ id: "PO-1" });
  });

  it("sends a failed message nobody routed to the dead letter channel with the original message", async () => {
    const out = capture();
    const dead: unknown[] = [];
    const r = runner(
      {
        steps: [{ id: "map", use: "transform_jsonata", config: { expression: "missing" } }],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
      },
      { o: out.output },
      { observer: { onDeadLetter: (d) => void dead.push(d) } },
    );
    const input = order(3);
    const res = await r.run(input);
    expect(res.status).toBe("dead_lettered");
    expect(res.deadLetters[0]).toMatchObject({
      failedStep: "map",
      errorClass: "permanent",
      originalMessage: { id: input.id, body: input.body },
    });
    expect(res.deadLetters[0].error).toMatch(/no value/);
    expect(res.deadLetters[0].attempts).toHaveLength(1);
    expect(dead).toHaveLength(1);
    expect(out.written).toHaveLength(0);
  });

  it("retries a transient output failure and delivers", async () => {
    const out = capture((_m, call) => {
      if (call < 3) throw new HttpStatusError(503, "busy");
    });
    const r = runner({ outputs: [{ id: "o", use: "http", config: { url: "http://x" } }] }, { o: out.output });
    const res = await r.run(order(1));
    expect(res.status).toBe("ok");
    expect(out.calls()).toBe(3);
  });

  it("dead-letters after the last attempt with the attempt history", async () => {
    const out = capture(() => {
      throw new HttpStatusError(503, "down");
    });
    const r = runner(
      {
        steps: [{ id: "map", use: "transform_jsonata", config: { expression: '{"x": total}' } }],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
      },
      { o: out.output },
    );
    const input = order(7);
    const res = await r.run(input);
    expect(res.status).toBe("dead_lettered");
    const dl = res.deadLetters[0];
    expect(dl.failedStep).toBe("o");
    expect(dl.attempts).toHaveLength(3);
    expect(dl.attempts[0]).toMatchObject({ error: "down" });
    expect(dl.originalMessage.body).toEqual({ orderId: "PO-1", total: 7 });
    expect(dl.failedMessage.body).toEqual({ x: 7 });
  });

  it("does not retry a permanent output error", async () => {
    const out = capture(() => {
      throw new HttpStatusError(400, "bad request");
    });
    const r = runner({ outputs: [{ id: "o", use: "http", config: { url: "http://x" } }] }, { o: out.output });
    const res = await r.run(order(1));
    expect(out.calls()).toBe(1);
    expect(res.deadLetters[0]).toMatchObject({ errorClass: "permanent", attempts: [{ error: "bad request" }] });
  });

  it("keeps failures out of the DLQ when policy.dlq is off", async () => {
    const out = capture(() => {
      throw new HttpStatusError(400, "bad");
    });
    const r = runner(
      { outputs: [{ id: "o", use: "http", config: { url: "http://x" } }], policy: { dlq: false } },
      { o: out.output },
    );
    const res = await r.run(order(1));
    expect(res.status).toBe("failed");
    expect(res.deadLetters).toHaveLength(0);
    expect(res.failures).toHaveLength(1);
  });

  it("opens the circuit breaker for an endpoint after consecutive failures", async () => {
    const out = capture(() => {
      throw new HttpStatusError(503, "down");
    }, "http://target");
    const breakers = new CircuitBreakers();
    const r = runner(
      {
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
        policy: { circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } },
      },
      { o: out.output },
      { breakers },
    );
    const res = await r.run(order(1));
    expect(out.calls()).toBe(2); // the third attempt is refused by the open breaker
    expect(res.deadLetters[0].attempts[2].error).toMatch(/circuit/i);
    expect(breakers.states()).toEqual({ "http://target": "open" });
  });

  it("splits, transforms each part and aggregates them back", async () => {
    const out = capture();
    const r = runner(
      {
        steps: [
          { id: "split", use: "split", config: { path: "lines" } },
          { id: "map", use: "transform_jsonata", config: { expression: "qty * 2" } },
          { id: "agg", use: "aggregate", config: {} },
        ],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
      },
      { o: out.output },
    );
    const input = createMessage({ body: { lines: [{ qty: 1 }, { qty: 2 }, { qty: 3 }] } });
    await r.run(input);
    expect(out.written).toHaveLength(1);
    expect(out.written[0].body).toEqual([2, 4, 6]);
    expect(out.written[0].correlationId).toBe(input.correlationId);
    expect(out.written[0].headers["sb-aggregate-complete"]).toBe("true");
  });

  it("releases an incomplete aggregate on tick after its timeout", async () => {
    const out = capture();
    let now = 1_000;
    const r = runner(
      {
        steps: [{ id: "agg", use: "aggregate", config: { completionSize: 3, completionTimeoutMs: 500 } }],
        outputs: [{ id: "o", use: "http", config: { url: "http://x" } }],
      },
      { o: out.output },
      { deps: { now: () => now } },
    );
    const first = createMessage({ body: 1, correlationId: "c1" });
    await r.run(first);
    await r.run(createMessage({ body: 2, correlationId: "c1" }));
    expect(await r.tick()).toEqual([]);
    now += 600;
    const results = await r.tick();
    expect(results).toHaveLength(1);
    expect(out.written[0].body).toEqual([1, 2]);
    expect(out.written[0].headers["sb-aggregate-complete"]).toBe("false");
  });
});
