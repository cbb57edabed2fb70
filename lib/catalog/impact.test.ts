import { describe, expect, it } from "vitest";
import type { TCatalogEdge, TCatalogGraph, TNodeId } from "./graph-types";
import { parseNodeId } from "./graph-types";
import { transitiveDependencies, transitiveDependents } from "./impact";

const edge = (from: TNodeId, to: TNodeId): TCatalogEdge => ({ from, to, source: "declared", via: "test" });
const graphOf = (...pairs: [TNodeId, TNodeId][]): TCatalogGraph => ({
  nodes: [],
  edges: pairs.map(([f, t]) => edge(f, t)),
});

describe("transitiveDependents", () => {
  it("walks a chain with depths and the node each was reached from", () => {
    const g = graphOf(["system:a", "flow:f"], ["flow:f", "system:b"], ["system:b", "flow:g"]);
    expect(transitiveDependents(g, "system:a")).toEqual([
      { nodeId: "flow:f", depth: 1, via: "system:a" },
      { nodeId: "system:b", depth: 2, via: "flow:f" },
      { nodeId: "flow:g", depth: 3, via: "system:b" },
    ]);
  });

  it("lists each dependent once, at its smallest depth", () => {
    // a → b → c → d and a → d: d is at depth 1, not 3
    const g = graphOf(
      ["system:a", "system:b"],
      ["system:b", "system:c"],
      ["system:c", "system:d"],
      ["system:a", "system:d"],
    );
    const result = transitiveDependents(g, "system:a");
    expect(result.map((r) => r.nodeId).sort()).toEqual(["system:b", "system:c", "system:d"]);
    expect(result.find((r) => r.nodeId === "system:d")).toEqual({ nodeId: "system:d", depth: 1, via: "system:a" });
  });

  it("terminates on cycles and never includes the start node", () => {
    const g = graphOf(["flow:a", "flow:b"], ["flow:b", "flow:c"], ["flow:c", "flow:a"], ["flow:b", "flow:b"]);
    const result = transitiveDependents(g, "flow:a");
    expect(result.map((r) => r.nodeId)).toEqual(["flow:b", "flow:c"]);
  });

  it("treats a two-way caller edge as a cycle of two", () => {
    const g = graphOf(["system:erp", "flow:orders"], ["flow:orders", "system:erp"], ["flow:orders", "system:crm"]);
    expect(
      transitiveDependents(g, "flow:orders")
        .map((r) => r.nodeId)
        .sort(),
    ).toEqual(["system:crm", "system:erp"]);
  });

  it("returns nothing for a node no one depends on, or one that is not in the graph", () => {
    const g = graphOf(["system:a", "system:b"]);
    expect(transitiveDependents(g, "system:b")).toEqual([]);
    expect(transitiveDependents(g, "queue:nowhere")).toEqual([]);
  });

  it("follows parallel edges once", () => {
    const g = graphOf(["system:a", "flow:f"], ["system:a", "flow:f"]);
    expect(transitiveDependents(g, "system:a")).toHaveLength(1);
  });
});

describe("transitiveDependencies", () => {
  it("walks the edges backwards", () => {
    const g = graphOf(["system:a", "flow:f"], ["flow:f", "system:b"]);
    expect(transitiveDependencies(g, "system:b")).toEqual([
      { nodeId: "flow:f", depth: 1, via: "system:b" },
      { nodeId: "system:a", depth: 2, via: "flow:f" },
    ]);
  });
});

describe("parseNodeId", () => {
  it("splits at the first colon and refuses unknown kinds", () => {
    expect(parseNodeId("queue:orders:dlq")).toEqual({ kind: "queue", key: "orders:dlq" });
    expect(parseNodeId("widget:x")).toBeNull();
    expect(parseNodeId("flow:")).toBeNull();
  });
});
