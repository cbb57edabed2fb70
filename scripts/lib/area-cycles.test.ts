import type { ICruiseResult } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import { areaGraph, areaOf, findAreaCycles } from "./area-cycles";

type Modules = ICruiseResult["modules"];
const modules = (edges: Record<string, string[]>): Modules =>
  Object.entries(edges).map(([source, targets]) => ({
    source,
    dependencies: targets.map((resolved) => ({
      resolved,
      module: resolved,
      coreModule: false,
      couldNotResolve: false,
    })),
  })) as unknown as Modules;

describe("areaOf", () => {
  it.each([
    ["lib/services/flows/versions.ts", "lib/services/flows"],
    ["lib/services/users.ts", "lib/services/users"],
    ["lib/services/sheets.ts", "lib/services/sheets"],
    ["lib/engine/core/registry.ts", "lib/engine"],
    ["lib/env.ts", "lib/env"],
    ["lib/errors/index.ts", "lib/errors"],
    ["app/(portal)/flows/page.tsx", "app"],
    ["components/ui/button.tsx", "components"],
    ["node_modules/zod/index.cjs", null],
  ])("%s → %s", (source, area) => expect(areaOf(source)).toBe(area));
});

describe("findAreaCycles", () => {
  it("finds no cycle when imports between areas run one way, whatever happens inside an area", () => {
    const graph = areaGraph(
      modules({
        "app/page.tsx": ["lib/services/flows/index.ts"],
        "lib/services/flows/index.ts": ["lib/engine/core/index.ts", "lib/services/flows/list.ts"],
        "lib/services/flows/list.ts": ["lib/services/flows/index.ts"],
        "lib/engine/core/index.ts": ["lib/engine/runtime/run.ts"],
        "lib/engine/runtime/run.ts": ["lib/engine/core/index.ts"],
      }),
    );
    expect(findAreaCycles(graph)).toEqual([]);
  });

  it("reports each cycle once, with the file-level edges that make it", () => {
    const graph = areaGraph(
      modules({
        "lib/services/users.ts": ["lib/services/audit/index.ts"],
        "lib/services/audit/list.ts": ["lib/services/users.ts"],
        "lib/services/flows/a.ts": ["lib/services/runs/b.ts"],
        "lib/services/runs/b.ts": ["lib/services/readiness/c.ts"],
        "lib/services/readiness/c.ts": ["lib/services/flows/d.ts"],
      }),
    );
    expect(findAreaCycles(graph)).toEqual([
      ["lib/services/audit", "lib/services/users"],
      ["lib/services/flows", "lib/services/runs", "lib/services/readiness"],
    ]);
    expect(graph.get("lib/services/audit")?.get("lib/services/users")).toEqual([
      { from: "lib/services/audit/list.ts", to: "lib/services/users.ts" },
    ]);
  });
});
