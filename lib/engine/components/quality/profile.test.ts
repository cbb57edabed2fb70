import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";
import type { ProfileSink } from "@/lib/engine/core/quality/profiling";

describe("profile", () => {
  configTable("processor", "profile", [
    ["defaults", {}, "ok"],
    ["records path", { records: "payload.orders", maxColumns: 50, exactDistinct: 100 }, "ok"],
    ["bad path", { records: "a..b" }, "dotted path"],
    ["too few exact", { exactDistinct: 1 }, "exactDistinct"],
    ["unknown field", { other: 1 }, "other"],
  ]);

  it("passes every message on unchanged and hands the sink its records", async () => {
    const seen: [string, unknown[], unknown][] = [];
    const sink: ProfileSink = { add: (stepId, records, options) => void seen.push([stepId, [...records], options]) };
    const deps = { stepId: "s1", profiling: sink };
    const p = createRegistry().build("processor", "profile", { records: "orders" }, deps);
    const msg = createMessage({ body: { orders: [{ a: 1 }, 2, { a: null }] } });
    const out = await p.process(msg, new AbortController().signal);
    expect(out).toEqual([msg]);
    expect(seen).toEqual([["s1", [{ a: 1 }, { a: null }], { maxColumns: 200, exactDistinct: 1024 }]]);
    const array = createRegistry().build("processor", "profile", {}, deps);
    await array.process(createMessage({ body: [{ b: 1 }, { b: 2 }] }), new AbortController().signal);
    expect(seen[1][1]).toEqual([{ b: 1 }, { b: 2 }]);
  });

  it("without a sink (a flow test) only passes messages on", async () => {
    const p = createRegistry().build("processor", "profile", {});
    const msg = createMessage({ body: { a: 1 } });
    expect(await p.process(msg, new AbortController().signal)).toEqual([msg]);
  });
});
