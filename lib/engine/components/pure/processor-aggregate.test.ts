import { describe, expect, it } from "vitest";
import type { AggregateStore } from "@/lib/engine/core/contracts";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const s = new AbortController().signal;

describe("aggregate", () => {
  configTable("processor", "aggregate", [
    ["defaults", {}, "ok"],
    ["size + timeout", { completionSize: 3, completionTimeoutMs: 1000 }, "ok"],
    ["size 0", { completionSize: 0 }, "completionSize"],
    ["unknown", { by: "x" }, "by"],
  ]);

  it("releases a group at completion size, ordered by split index", async () => {
    const p = createRegistry().build("processor", "aggregate", {});
    const part = (i: number) =>
      createMessage({ body: i, correlationId: "c", headers: { "sb-split-index": String(i), "sb-split-count": "3" } });
    expect(await p.process(part(2), s)).toEqual([]);
    expect(await p.process(part(0), s)).toEqual([]);
    const [agg] = await p.process(part(1), s);
    expect(agg.body).toEqual([0, 1, 2]);
    expect(agg.headers["sb-split-index"]).toBeUndefined();
  });

  it("keeps parts that arrived as separate messages in the store, and parts split within the run in memory", async () => {
    const stored = new Map<string, Message>();
    const scopes: string[] = [];
    const store: AggregateStore = {
      add: async (_group, part, msg, size) => {
        stored.set(part, msg);
        return stored.size >= size ? [...stored.values()] : null;
      },
      takeExpired: async () => [],
    };
    const p = createRegistry().build(
      "processor",
      "aggregate",
      { completionSize: 2 },
      { stepId: "agg", aggregateStore: (id) => (scopes.push(id), store) },
    );
    expect(scopes).toEqual(["agg"]);
    const a = createMessage({ body: "a", correlationId: "order-1" });
    const b = createMessage({ body: "b", correlationId: "order-1" });
    expect(await p.process(a, s, { inputId: a.id })).toEqual([]);
    expect([...stored.keys()]).toEqual([a.id]);
    const [agg] = await p.process(b, s, { inputId: b.id });
    expect(agg.body).toEqual(["a", "b"]);
    // A part produced inside the run (its id is not the run's input) never touches the store.
    const c = createMessage({ body: "c", correlationId: "order-2" });
    expect(await p.process(c, s, { inputId: "the-original" })).toEqual([]);
    expect(stored.size).toBe(2);
  });

  it("moves a group its run left incomplete to the store at the end of the run, keyed so a redelivery adds nothing twice", async () => {
    const added: { group: string; part: string; msg: Message }[] = [];
    const store: AggregateStore = {
      add: async (group, part, msg, size) => {
        if (!added.some((x) => x.part === part)) added.push({ group, part, msg });
        const parts = added.filter((x) => x.group === group);
        return parts.length >= size ? parts.map((x) => x.msg) : null;
      },
      takeExpired: async () => [],
    };
    const p = createRegistry().build("processor", "aggregate", {}, { stepId: "agg", aggregateStore: () => store });
    const part = (i: number, group: string) =>
      createMessage({
        body: `${group}-${i}`,
        correlationId: group,
        headers: { "sb-split-index": String(i), "sb-split-count": "3" },
      });
    // This run completes "full" in memory, and a filter dropped part 1 of "partial".
    const run = { inputId: "order-msg" };
    for (const m of [part(0, "full"), part(1, "full")]) expect(await p.process(m, s, run)).toEqual([]);
    expect((await p.process(part(2, "full"), s, run))[0].body).toEqual(["full-0", "full-1", "full-2"]);
    for (const m of [part(0, "partial"), part(2, "partial")]) expect(await p.process(m, s, run)).toEqual([]);
    expect(await p.endRun!(run)).toEqual([]);
    expect(added.map((x) => [x.group, x.part, x.msg.body])).toEqual([
      ["partial", "order-msg:0", "partial-0"],
      ["partial", "order-msg:2", "partial-2"],
    ]);
    // Redelivered, the same run stores nothing new; another run's part then completes the group in the store.
    const again = { inputId: "order-msg" };
    await p.process(part(0, "partial"), s, again);
    expect(await p.endRun!(again)).toEqual([]);
    expect(added).toHaveLength(2);
    const late = { inputId: "late-msg" };
    await p.process(part(1, "partial"), s, late);
    const [released] = await p.endRun!(late);
    expect(released.body).toEqual(["partial-0", "partial-1", "partial-2"]);
    expect(released.headers["sb-aggregate-complete"]).toBe("true");
  });

  it("asks the store for timed-out groups a tenth of the timeout apart, not on every tick", async () => {
    const asked: number[] = [];
    const store: AggregateStore = {
      add: async () => null,
      takeExpired: async (ms) => (asked.push(ms), [[createMessage({ body: "late", correlationId: "g" })]]),
    };
    const p = createRegistry().build(
      "processor",
      "aggregate",
      { completionSize: 2, completionTimeoutMs: 20_000 },
      { stepId: "agg", aggregateStore: () => store },
    );
    expect((await p.flush!(1_000)).map((m) => m.body)).toEqual([["late"]]);
    expect(await p.flush!(2_000)).toEqual([]);
    expect(await p.flush!(2_999)).toEqual([]);
    expect(await p.flush!(3_000)).toHaveLength(1);
    expect(asked).toEqual([20_000, 20_000]);
  });

  it("fails without a completion size", async () => {
    const p = createRegistry().build("processor", "aggregate", {});
    await expect(p.process(createMessage({ body: 1 }), s)).rejects.toThrow("needs completionSize");
  });

  it("flushes groups past their timeout", async () => {
    let now = 0;
    const p = createRegistry().build(
      "processor",
      "aggregate",
      { completionSize: 5, completionTimeoutMs: 100 },
      { now: () => now },
    );
    await p.process(createMessage({ body: "a", correlationId: "x" }), s);
    expect(await p.flush!(50)).toEqual([]);
    now = 200;
    const [out] = await p.flush!(200);
    expect(out.body).toEqual(["a"]);
    expect(out.headers["sb-aggregate-complete"]).toBe("false");
  });
});
