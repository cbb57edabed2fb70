import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { readFixture, referenceOrder } from "@/lib/engine/fixtures";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const s = new AbortController().signal;
const schema = JSON.parse(readFixture("order-schema.json"));

describe("validate_json_schema", () => {
  configTable("processor", "validate_json_schema", [
    ["order schema", { schema }, "ok"],
    ["no schema", {}, "schema"],
    ["schema that does not compile", { schema: { type: "nope" } }, "schema does not compile"],
    ["lookbehind pattern (not RE2)", { schema: { type: "string", pattern: "(?<=a)b" } }, "schema does not compile"],
  ]);

  it("passes a valid order and fails an invalid one, listing violations", async () => {
    const p = createRegistry().build("processor", "validate_json_schema", { schema });
    expect(await p.process(createMessage({ body: referenceOrder() }), s)).toHaveLength(1);
    const err = await p
      .process(createMessage({ body: JSON.parse(readFixture("order-invalid.json")) }), s)
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/schema validation failed: .*\/orderId.*\/currency/);
    expect((err as Error).name).toBe("PermanentError");
  });

  it("checks formats", async () => {
    const p = createRegistry().build("processor", "validate_json_schema", {
      schema: { type: "string", format: "email" },
    });
    await expect(p.process(createMessage({ body: "nope" as unknown }), s)).rejects.toThrow();
    expect(await p.process(createMessage({ body: { x: 1 } }), s).catch((e: Error) => e.message)).toMatch(
      /must be string/,
    );
  });

  it("runs a catastrophic-backtracking pattern in linear time (RE2)", async () => {
    const p = createRegistry().build("processor", "validate_json_schema", {
      schema: { type: "object", properties: { s: { type: "string", pattern: "^(a+)+$" } } },
    });
    const started = Date.now();
    await expect(p.process(createMessage({ body: { s: `${"a".repeat(5_000)}!` } }), s)).rejects.toThrow(
      "must match pattern",
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
