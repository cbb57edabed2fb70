import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

describe("split", () => {
  configTable("processor", "split", [
    ["default path", {}, "ok"],
    ["path", { path: "order.lines" }, "ok"],
    ["maxParts 0", { maxParts: 0 }, "maxParts"],
    ["bad path", { path: "a[" }, "invalid JSONata"],
  ]);

  it("emits one message per element with index/count headers and the same correlation id", async () => {
    const p = createRegistry().build("processor", "split", { path: "lines" });
    const msg = createMessage({ body: { lines: [{ a: 1 }, { a: 2 }] } });
    const parts = await p.process(msg, new AbortController().signal);
    expect(parts.map((m) => m.body)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parts.map((m) => [m.headers["sb-split-index"], m.headers["sb-split-count"]])).toEqual([
      ["0", "2"],
      ["1", "2"],
    ]);
    expect(new Set(parts.map((m) => m.correlationId))).toEqual(new Set([msg.correlationId]));
    expect(parts[0].id).not.toBe(msg.id);
    expect(parts[0].traceparent.split("-")[1]).toBe(msg.traceparent.split("-")[1]);
  });

  it("splits a top-level array and enforces maxParts", async () => {
    const reg = createRegistry();
    expect(
      await reg
        .build("processor", "split", {})
        .process(createMessage({ body: [1, 2, 3] }), new AbortController().signal),
    ).toHaveLength(3);
    await expect(
      reg
        .build("processor", "split", { maxParts: 2 })
        .process(createMessage({ body: [1, 2, 3] }), new AbortController().signal),
    ).rejects.toThrow("over maxParts 2");
  });
});
