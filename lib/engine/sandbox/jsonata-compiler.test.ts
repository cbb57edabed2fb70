import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { compileJsonata } from "./jsonata-compiler";
import { NotCompilable } from "./jsonata-runtime";

const order = {
  orderId: "PO-1001",
  customer: { id: "C-7", name: "Acme GmbH", country: "DE", vip: true, email: "ops@acme.example" },
  currency: "EUR",
  items: [
    { sku: "A-1", name: "bolt", qty: 10, price: 0.25, tags: ["metal"] },
    { sku: "B-2", name: "nut", qty: 3, price: 0.1, tags: [] },
    { sku: "C-3", name: "Washer", qty: 1, price: 1.5, tags: ["metal", "zinc"] },
  ],
  shipping: { method: "express", cost: 12.5 },
  notes: "  rush   order \n please ",
};
const single = { orderId: "PO-2", customer: { name: "Solo" }, items: { sku: "X", qty: 2, price: 3 }, currency: "USD" };
const empty = { orderId: "PO-3", items: [] };
const inputs = [order, single, empty, {}];

const CORPUS = [
  "orderId",
  "customer.name",
  "items.sku",
  "items[0].sku",
  "items[-1].name",
  "items[qty > 2].sku",
  "items[qty > 2 and price < 1].sku",
  "items.tags",
  "$count(items)",
  "$sum(items.(qty * price))",
  "$sum(items.qty)",
  "items.(qty * price)",
  '"Order " & orderId & " for " & customer.name',
  "customer.name & ' (' & $string(customer.vip) & ')'",
  "$uppercase(customer.country)",
  "$lowercase(items.name[0])",
  "shipping.cost + 1",
  "-shipping.cost",
  "shipping.cost > 10 ? 'high' : 'low'",
  "customer.vip = true",
  "currency != 'EUR'",
  "$exists(customer.email)",
  "$number('42') + 1",
  "$string(shipping.cost * 3)",
  "$trim(notes)",
  "$join(items.sku, ',')",
  '{"id": orderId, "total": $sum(items.(qty*price)), "lines": items.{"sku": sku, "amount": qty * price}}',
  '{"id": orderId, "lines": [items.{"sku": sku}]}',
  '{"buyer": {"name": customer.name, "country": customer.country ? customer.country : "XX"}}',
  "$map(items, function($i, $n) { $i.sku & '#' & $string($n) })",
  "$filter(items, function($i) { $i.qty > 1 }).sku",
  "($total := $sum(items.(qty*price)); $total > 5 ? $total : 0)",
  "[orderId, currency]",
  "[items.sku]",
  "$$.orderId",
  "items.$.sku",
  "$max(items.qty) - $min(items.qty)",
  "$length(customer.name)",
  "items.{'n': name}",
  "$not(customer.vip)",
  "$boolean(items)",
  "{'k': items.sku}",
  "customer.name ~> $uppercase()",
  "items.sku ~> $join('|')",
  "items ~> $map(function($i) { $i.qty })",
  "$round(shipping.cost * 1.19, 2)",
  "$round(2.5) + $round(3.5) + $round(-0.5)",
  "$round(items.price[1] * 3, 1)",
];

function json(v: unknown) {
  return v === undefined ? "undefined" : JSON.stringify(v);
}

async function stock(expr: string, input: unknown): Promise<string> {
  try {
    return json(await jsonata(expr).evaluate(input));
  } catch (e) {
    return `error ${(e as { code?: string }).code}`;
  }
}

let fallbacks = 0;

describe("compileJsonata", () => {
  it.each(CORPUS)("compiles %s", (expr) => {
    expect(compileJsonata(expr)).not.toBeNull();
  });

  it.each(CORPUS)("matches stock jsonata for %s", async (expr) => {
    const fn = compileJsonata(expr)!;
    for (const input of inputs) {
      const expected = await stock(expr, input);
      let actual: string;
      try {
        actual = json(fn(input));
      } catch (e) {
        // Falling back is allowed only where stock jsonata would raise an error itself or for odd shapes.
        expect(e).toBeInstanceOf(NotCompilable);
        fallbacks++;
        continue;
      }
      expect(actual, `${expr} on ${JSON.stringify(input).slice(0, 40)}`).toBe(expected);
    }
  });

  it("handles almost every corpus case itself instead of falling back", () => {
    // Falls back only where stock jsonata raises (e.g. $sum over a non-number) or on odd shapes.
    expect(fallbacks).toBeLessThanOrEqual(CORPUS.length * inputs.length * 0.05);
  });

  it("passes bindings as variables", () => {
    expect(compileJsonata("$failed ? 'dlq' : 'ok'")!({}, { failed: true })).toBe("dlq");
  });

  it.each([
    "items^(qty)",
    "$substring(orderId, 1)",
    "$f := $uppercase; $f(a)",
    "items[$random() > 0]",
    "**.sku",
    "%.x",
    "$f := function(){1}",
  ])("returns null for unsupported %s", (expr) => expect(compileJsonata(expr)).toBeNull());

  it("signals fallback for values stock jsonata rejects", () => {
    expect(() => compileJsonata("a + 1")!({ a: "x" })).toThrow(NotCompilable);
    expect(() => compileJsonata("a")!([1])).toThrow(NotCompilable);
  });
});
