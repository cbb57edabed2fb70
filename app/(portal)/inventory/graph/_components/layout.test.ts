import { describe, expect, it } from "vitest";
import { layoutGraph, NODE_WIDTH } from "./layout";

describe("layoutGraph", () => {
  it("places sources left of their targets and gives every node a position", () => {
    const nodes = [{ id: "crm" }, { id: "erp" }, { id: "wms" }, { id: "alone" }];
    const edges = [
      { id: "e1", source: "crm", target: "erp" },
      { id: "e2", source: "erp", target: "wms" },
      { id: "e3", source: "crm", target: "erp" },
    ];
    const pos = layoutGraph(nodes, edges);
    expect([...pos.keys()].sort()).toEqual(["alone", "crm", "erp", "wms"]);
    expect(pos.get("erp")!.x).toBeGreaterThanOrEqual(pos.get("crm")!.x + NODE_WIDTH);
    expect(pos.get("wms")!.x).toBeGreaterThanOrEqual(pos.get("erp")!.x + NODE_WIDTH);
    for (const p of pos.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it("handles a cycle without losing nodes", () => {
    const pos = layoutGraph(
      [{ id: "a" }, { id: "b" }],
      [
        { id: "1", source: "a", target: "b" },
        { id: "2", source: "b", target: "a" },
      ],
    );
    expect(pos.size).toBe(2);
  });
});
