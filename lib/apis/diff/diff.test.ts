import { describe, expect, it } from "vitest";
import { parseOpenApiText } from "@/lib/apis/openapi/parse";
import { API_DIFF_RULES, diffOpenApi } from "./index";
import { FIXED_CASES } from "./test-cases";
import { changesFor, fixtureText, ids, NOW, ordersDoc, parsed, SLOW, type TDoc } from "./test-helpers";

const S = (d: TDoc) => d.components.schemas;
const P = (d: TDoc) => d.paths;

describe("diffOpenApi: refactors that are not changes", SLOW, () => {
  it("finds nothing between the YAML document and its refactored JSON form ($ref extraction and inlining, allOf composition, enum and key order)", async () => {
    const yaml = await parseOpenApiText(fixtureText("orders-v1.yaml"));
    const json = await parseOpenApiText(fixtureText("orders-v1-refactored.json"));
    expect(json.format).toBe("json");
    expect(json.ok).toBe(true);
    expect(diffOpenApi(yaml, json, { now: NOW })).toEqual([]);
    expect(diffOpenApi(json, yaml, { now: NOW })).toEqual([]);
  });

  it("finds nothing between the same document as YAML and as JSON", async () => {
    const doc = ordersDoc();
    const json = await parseOpenApiText(JSON.stringify(doc, null, 2));
    expect(diffOpenApi(await parsed(doc), json, { now: NOW })).toEqual([]);
  });

  it("treats 3.0 nullable and 3.1 type unions / oneOf-with-null as the same", async () => {
    const v31 = ordersDoc();
    v31.openapi = "3.1.0";
    v31.paths["/orders"].get.responses["200"].content["application/json"].schema.properties.next = {
      type: ["string", "null"],
    };
    S(v31).Order.properties.trackingUrl = { oneOf: [{ type: "string", format: "uri" }, { type: "null" }] };
    const base = ordersDoc();
    base.components.schemas.Order.properties.trackingUrl.nullable = true;
    expect(diffOpenApi(await parsed(base), await parsed(v31), { now: NOW })).toEqual([]);
  });

  it("does not count description, example or title edits", async () => {
    const changes = await changesFor((d) => {
      S(d).Order.description = "An order as stored";
      S(d).Order.properties.status.example = "paid";
      S(d).Money.title = "Money";
      P(d)["/orders"].get.summary = "Search orders";
    });
    expect(changes).toEqual([]);
  });
});

describe("diffOpenApi: one realistic edit per rule", SLOW, () => {
  it.each(FIXED_CASES)("$name", async ({ revise, base, expect: expected }) => {
    const changes = await changesFor(revise, base);
    expect(ids(changes)).toEqual([...expected].sort());
    for (const change of changes) {
      expect(change.message.length).toBeGreaterThan(10);
      expect(change.base ?? change.revision).toBeDefined();
    }
  });
});

describe("diffOpenApi: locations and shape", SLOW, () => {
  it("locates a change in both documents with pointer and line, following $refs to where the schema is defined", async () => {
    const changes = await changesFor((d) => S(d).NewOrder.properties.channel.enum.pop());
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({
      id: "request-property-enum-value-removed",
      severity: "breaking",
      operation: "POST /orders",
      fields: ["channel", "marketplace"],
      base: { pointer: "/components/schemas/NewOrder/properties/channel" },
      revision: { pointer: "/components/schemas/NewOrder/properties/channel" },
    });
    const text = fixtureText("orders-v1.yaml").split("\n");
    // The YAML written by the helper differs from the fixture; the line must hold the property key.
    expect(change.base?.line).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
  });

  it("gives the line of the fixture itself when parsed from its text", async () => {
    const base = await parseOpenApiText(fixtureText("orders-v1.yaml"));
    const doc = ordersDoc();
    doc.components.schemas.Order.properties.status.enum.push("refunded");
    const changes = diffOpenApi(base, await parsed(doc), { now: NOW });
    expect(changes.map((c) => [c.id, c.operation])).toEqual([
      ["response-property-enum-value-added", "GET /orders"],
      ["response-property-enum-value-added", "GET /orders/{orderId}"],
      ["response-property-enum-value-added", "POST /orders"],
    ]);
    const lines = fixtureText("orders-v1.yaml").split("\n");
    const line = changes[0].base!.line!;
    expect(lines[line - 1].trim()).toBe("status:");
    expect(lines[line].trim()).toBe("type: string");
    expect(changes[0].base!.pointer).toBe("/components/schemas/Order/properties/status");
  });

  it("lists every rule once with a kebab-case id, a severity and a description", () => {
    const seen = new Set<string>();
    for (const rule of API_DIFF_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(["breaking", "warning", "info"]).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(seen.has(rule.id)).toBe(false);
      seen.add(rule.id);
    }
  });

  it("refuses documents that did not parse", async () => {
    const bad = await parseOpenApiText("openapi: [");
    const good = await parsed(ordersDoc());
    expect(() => diffOpenApi(bad, good)).toThrow(/must parse/);
  });
});
