import { describe, expect, it } from "vitest";
import { flowFieldLineage, resolveThroughMappings, stepBehaviour, traceFieldBack } from "./flow-fields";

const BOUNDED: Record<string, boolean> = {
  transform_jsonata: true,
  filter: true,
  parse: true,
  enrich_http: false,
  split: true,
  aggregate: true,
};
const isBounded = (use: string) => BOUNDED[use];
const map = (id: string, expression: string) => ({ id, use: "transform_jsonata", config: { expression } });

describe("flow field lineage", () => {
  it("composes two mappings back to the flow's input", () => {
    const steps = [
      map("canon", '{"customer": {"name": buyer.fullName, "mail": buyer.email}, "items": lines}'),
      { id: "only-big", use: "filter", config: { when: "$count(items) > 0" } },
      map("target", '{"CustomerName": $uppercase(customer.name), "Email": customer.mail, "Skus": items.sku}'),
    ];
    const byTarget = Object.fromEntries(flowFieldLineage(steps, isBounded).map((t) => [t.target, t]));
    expect(byTarget.Email).toMatchObject({ sources: ["buyer.email"], kind: "copy" });
    expect(byTarget.CustomerName).toMatchObject({ sources: ["buyer.fullName"], kind: "derived" });
    // A whole array copied under a new name keeps the rest of the path.
    expect(byTarget.Skus).toMatchObject({ sources: ["lines.sku"], kind: "copy" });
    expect(byTarget.Email.hops.map((h) => [h.stepId, h.outputPaths, h.inputPaths])).toEqual([
      ["target", ["Email"], ["customer.mail"]],
      ["only-big", ["customer.mail"], ["customer.mail"]],
      ["canon", ["customer.mail"], ["buyer.email"]],
    ]);
  });

  it("goes through a split into the element of the split array", () => {
    const steps = [{ id: "each", use: "split", config: { path: "order.lines" } }, map("m", '{"code": sku}')];
    expect(traceFieldBack(steps, "code", isBounded)).toMatchObject({ sources: ["order.lines[].sku"], kind: "copy" });
  });

  it("stops honestly at an opaque step", () => {
    const steps = [map("a", '{"x": y}'), { id: "lookup", use: "enrich_http", config: {} }, map("b", '{"z": x}')];
    const trace = traceFieldBack(steps, "z", isBounded);
    expect(trace).toMatchObject({ kind: "opaque", opaqueAt: "lookup", sources: ["x"] });
    expect(traceFieldBack([{ id: "x", use: "vendor_thing" }], "a", isBounded)).toMatchObject({
      kind: "opaque",
      opaqueAt: "x",
    });
    expect(stepBehaviour({ id: "agg", use: "aggregate" }, isBounded).type).toBe("opaque");
    expect(stepBehaviour(map("bad", '{"a": }'), isBounded).type).toBe("opaque");
  });

  it("passes paths through bounded steps and quality steps", () => {
    const steps = [
      { id: "p", use: "parse" },
      { id: "v", use: "validate_rules" },
    ];
    expect(flowFieldLineage(steps, isBounded)).toEqual([
      expect.objectContaining({ target: "", sources: [""], kind: "copy" }),
    ]);
    expect(traceFieldBack(steps, "a.b", isBounded)).toMatchObject({ sources: ["a.b"], kind: "copy" });
  });

  it("resolves a read of an object from the fields written into it", () => {
    const m = [
      { target: "c.name", sources: ["n"], kind: "copy" as const },
      { target: "c.id", sources: ["i"], kind: "copy" as const },
    ];
    expect(resolveThroughMappings(m, "c")).toEqual({ paths: ["n", "i"], kind: "derived" });
    expect(resolveThroughMappings(m, "c.name")).toEqual({ paths: ["n"], kind: "copy" });
    expect(resolveThroughMappings(m, "missing")).toEqual({ paths: [], kind: "derived" });
  });

  it("keeps envelope variables as they are", () => {
    const steps = [map("m", '{"ct": $headers."content-type"}'), { id: "f", use: "filter" }];
    expect(traceFieldBack(steps, "ct", isBounded).sources).toEqual(["$headers.content-type"]);
  });
});
