import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { referenceMapping, referenceOrder } from "@/lib/engine/fixtures";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const s = new AbortController().signal;

describe("transform_jsonata", () => {
  configTable("processor", "transform_jsonata", [
    ["mapping", { expression: '{"id": orderId}' }, "ok"],
    ["onEmpty drop", { expression: "x", onEmpty: "drop" }, "ok"],
    ["empty", { expression: "" }, "expression"],
    ["syntax error", { expression: '{"id": }' }, "invalid JSONata"],
    ["bad onEmpty", { expression: "x", onEmpty: "ignore" }, "onEmpty"],
  ]);

  it("produces the same output as stock jsonata on the reference mapping", async () => {
    const p = createRegistry().build("processor", "transform_jsonata", { expression: referenceMapping() });
    const [out] = await p.process(createMessage({ body: referenceOrder() }), s);
    expect(JSON.stringify(out.body)).toBe(JSON.stringify(await jsonata(referenceMapping()).evaluate(referenceOrder())));
  });

  it("falls back to the sandbox for expressions the compiler does not handle", async () => {
    const p = createRegistry().build("processor", "transform_jsonata", {
      expression: "$substringBefore(id, '-') & $string($headers.x)",
    });
    const [out] = await p.process(createMessage({ body: { id: "PO-1" }, headers: { x: "y" } }), s);
    expect(out.body).toBe("POy");
  });

  it("fails or drops on an empty result", async () => {
    const reg = createRegistry();
    await expect(
      reg.build("processor", "transform_jsonata", { expression: "nothing" }).process(createMessage({ body: {} }), s),
    ).rejects.toThrow("no value");
    expect(
      await reg
        .build("processor", "transform_jsonata", { expression: "nothing", onEmpty: "drop" })
        .process(createMessage({ body: {} }), s),
    ).toEqual([]);
  });
});
