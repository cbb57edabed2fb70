import { describe, expect, it } from "vitest";
import type { TGraphView } from "@/lib/services/catalog";
import { adjacencyOf, highlightOf, layoutInput, quickPositions } from "./graph-model";

const graph: TGraphView = {
  nodes: [
    { id: "system:a", kind: "system", name: "A", lifecycle: "production", tier: 1 },
    { id: "flow:f", kind: "flow", name: "f", lifecycle: "production", tier: 3 },
    { id: "system:b", kind: "system", name: "B", lifecycle: "production", tier: 2 },
  ],
  edges: [
    { id: "1", from: "system:a", to: "flow:f", sources: ["observed"], via: "calls" },
    { id: "2", from: "flow:f", to: "system:a", sources: ["observed"], via: "answers" },
    { id: "3", from: "flow:f", to: "system:b", sources: ["declared"], via: "http output" },
  ],
};

describe("the impact graph's model", () => {
  it("lays out one edge per pair, so a caller and its flow are no cycle", () => {
    expect(layoutInput(graph).edges.map((e) => e.id)).toEqual(["1", "3"]);
  });

  it("places nodes in columns by distance from their sources before elk answers", () => {
    const p = quickPositions(layoutInput(graph));
    expect(p["system:a"]!.x).toBeLessThan(p["flow:f"]!.x);
    expect(p["flow:f"]!.x).toBeLessThan(p["system:b"]!.x);
  });

  it("highlights the transitive dependents of the selection", () => {
    const h = highlightOf(adjacencyOf(graph), "system:a");
    expect([...h!.dependents.keys()].sort()).toEqual(["flow:f", "system:b"]);
    expect(highlightOf(adjacencyOf(graph), null)).toBeNull();
  });
});
