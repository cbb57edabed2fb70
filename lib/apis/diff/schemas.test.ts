import { describe, expect, it } from "vitest";
import { API_DIFF_RULES } from "./index";
import { PROPERTY_KIND_NAMES, PROPERTY_PREFIXES, SCHEMA_KIND_NAMES, SCHEMA_PREFIXES } from "./rules/registry";
import { CONSTRAINT_EDITS, FIXED_CASES, SCHEMA_CASES } from "./test-cases";
import { changesFor, ids, SLOW } from "./test-helpers";

describe("diffOpenApi: schemas, by direction", SLOW, () => {
  it.each(SCHEMA_CASES)("$name", async ({ revise, base, expect: expected }) => {
    const changes = await changesFor(revise, base);
    expect(ids(changes)).toEqual([...expected].sort());
  });

  it.each(CONSTRAINT_EDITS)("request constraint: $name", async ({ revise, base, expect: expected }) => {
    expect(ids(await changesFor(revise, base))).toEqual(expected);
  });

  it("reports the deepObject enum with the parameter's field path and the value (oasdiff#861)", async () => {
    const [change] = await changesFor((d) => d.paths["/orders"].get.parameters[2].schema.properties.channel.enum.pop());
    expect(change).toMatchObject({
      severity: "breaking",
      operation: "GET /orders",
      fields: ["filter.channel", "marketplace"],
    });
    expect(change.base?.pointer).toBe("/paths/~1orders/get/parameters/2/schema/properties/channel");
  });

  it("names the removed oneOf alternative and locates it at its component (oasdiff#314)", async () => {
    const [change] = await changesFor((d) => d.components.schemas.NewOrder.properties.payment.oneOf.pop());
    expect(change).toMatchObject({
      severity: "breaking",
      operation: "POST /orders",
      fields: ["payment", "InvoicePayment"],
    });
    expect(change.base?.pointer).toBe("/components/schemas/NewOrder/properties/payment");
  });

  it("grades a new required field with a default below breaking (oasdiff#549) and a nullable response as breaking", async () => {
    const withDefault = await changesFor((d) => {
      d.components.schemas.NewOrder.properties.currency = { type: "string", default: "EUR" };
      d.components.schemas.NewOrder.required.push("currency");
    });
    expect(withDefault.map((c) => c.severity)).toEqual(["warning"]);
    // `nullable` beside a $ref is taken as meant (3.1 reads siblings of $ref; 3.0 authors write it so too).
    const nullable = await changesFor((d) => (d.components.schemas.Order.properties.total.nullable = true));
    expect(nullable.map((c) => [c.id, c.severity, c.fields])).toContainEqual([
      "response-property-became-nullable",
      "breaking",
      ["items[].total"],
    ]);
    const viaAllOf = await changesFor(
      (d) =>
        (d.components.schemas.Order.properties.total = {
          nullable: true,
          allOf: [{ $ref: "#/components/schemas/Money" }],
        }),
    );
    expect(viaAllOf.map((c) => [c.id, c.severity])).toContainEqual(["response-property-became-nullable", "breaking"]);
  });

  it("reports an array-to-object change once, without listing the new object's properties (oasdiff#1090)", async () => {
    const changes = await changesFor(
      (d) =>
        (d.paths["/orders/{orderId}/shipments"].get.responses["200"].content["application/json"].schema = {
          type: "object",
          properties: { items: { type: "array" } },
        }),
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      id: "response-body-type-changed",
      severity: "breaking",
      operation: "GET /orders/{orderId}/shipments",
    });
  });
});

describe("rule coverage", () => {
  const covered = new Set([...FIXED_CASES, ...SCHEMA_CASES, ...CONSTRAINT_EDITS].flatMap((c) => c.expect));

  it("has a case for every fixed rule", () => {
    const generated = new Set<string>();
    for (const dir of ["request", "response"] as const) {
      for (const prefix of SCHEMA_PREFIXES[dir])
        for (const kind of SCHEMA_KIND_NAMES) generated.add(`${prefix}-${kind}`);
      for (const prefix of PROPERTY_PREFIXES[dir])
        for (const { kind } of PROPERTY_KIND_NAMES) generated.add(`${prefix}-${kind}`);
    }
    const fixed = API_DIFF_RULES.map((r) => r.id).filter((id) => !generated.has(id));
    expect(fixed.filter((id) => !covered.has(id))).toEqual([]);
  });

  it("has a case for every schema kind in requests, and for every kind that differs by direction in responses", () => {
    const missing: string[] = [];
    const request = SCHEMA_KIND_NAMES.filter(
      (kind) => !SCHEMA_PREFIXES.request.some((p) => covered.has(`${p}-${kind}`)),
    );
    missing.push(...request.map((k) => `request:${k}`));
    for (const kind of [
      "type-changed",
      "type-generalized",
      "became-nullable",
      "became-not-nullable",
      "enum-value-added",
      "enum-value-removed",
      "enum-removed",
      "one-of-added",
      "one-of-removed",
      "any-of-added",
      "any-of-removed",
      "additional-properties-relaxed",
      "max-length-relaxed",
      "minimum-tightened",
    ])
      if (!SCHEMA_PREFIXES.response.some((p) => covered.has(`${p}-${kind}`))) missing.push(`response:${kind}`);
    for (const { kind, request: inRequest, response: inResponse } of PROPERTY_KIND_NAMES) {
      if (inRequest && !covered.has(`request-property-${kind}`)) missing.push(`request-property:${kind}`);
      if (inResponse && !covered.has(`response-property-${kind}`)) missing.push(`response-property:${kind}`);
    }
    expect(missing).toEqual([]);
  });
});
