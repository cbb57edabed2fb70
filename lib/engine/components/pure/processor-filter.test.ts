import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

describe("filter", () => {
  configTable("processor", "filter", [
    ["condition", { when: "total > 1" }, "ok"],
    ["missing when", {}, "when"],
    ["bad JSONata", { when: "total >" }, "invalid JSONata"],
    ["unknown field", { when: "x", other: 1 }, "other"],
  ]);

  it.each([
    [{ total: 5 }, 1],
    [{ total: 0 }, 0],
    [{}, 0],
  ])("keeps %j → %i messages", async (body, count) => {
    const p = createRegistry().build("processor", "filter", { when: "total > 1" });
    expect(await p.process(createMessage({ body }), new AbortController().signal)).toHaveLength(count);
  });
});
