import { describe, expect, it } from "vitest";
import { createMessage, markFailed } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const config = {
  branches: [
    { name: "errors", when: "$failed" },
    { name: "eu", when: "country in ['DE','FR']" },
  ],
  otherwise: "rest",
};

describe("route", () => {
  configTable("processor", "route", [
    ["branches + otherwise", config, "ok"],
    ["no branches", { branches: [] }, "branches"],
    [
      "duplicate branch",
      {
        branches: [
          { name: "a", when: "x" },
          { name: "a", when: "y" },
        ],
      },
      'branch "a" is defined twice',
    ],
    ["bad branch name", { branches: [{ name: "A B", when: "x" }] }, "branches.0.name"],
  ]);

  const route = async (body: unknown, failed = false) => {
    const p = createRegistry().build("processor", "route", config);
    let msg = createMessage({ body });
    if (failed) msg = markFailed(msg, { failedStep: "v", error: "bad", errorClass: "permanent" });
    return (await p.process(msg, new AbortController().signal)).map((m) => m.headers["sb-route"]);
  };

  it("takes the first matching branch, else otherwise", async () => {
    expect(await route({ country: "DE" })).toEqual(["eu"]);
    expect(await route({ country: "US" })).toEqual(["rest"]);
    expect(await route({ country: "DE" }, true)).toEqual(["errors"]);
  });

  it("drops unmatched messages without otherwise", async () => {
    const p = createRegistry().build("processor", "route", { branches: [{ name: "a", when: "false" }] });
    expect(await p.process(createMessage({ body: {} }), new AbortController().signal)).toEqual([]);
  });
});
