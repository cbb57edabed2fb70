import { describe, expect, it } from "vitest";
import { referenceMapping } from "@/lib/engine/fixtures";
import { jsonataFieldMappings, type FieldMapping } from "./jsonata-fields";

const byTarget = (expr: string) =>
  Object.fromEntries(
    jsonataFieldMappings(expr).map((m) => [m.target, { sources: [...m.sources].sort(), kind: m.kind }]),
  );
const one = (target: string, sources: string[], kind: FieldMapping["kind"]) => ({ [target]: { sources, kind } });

describe("jsonataFieldMappings", () => {
  it.each([
    ["a straight path", '{"a": b.c}', one("a", ["b.c"], "copy")],
    ["a function over a path", '{"n": $uppercase(name)}', one("n", ["name"], "derived")],
    ["arithmetic over two paths", '{"t": qty * price}', one("t", ["price", "qty"], "derived")],
    ["string concatenation", '{"name": first & " " & last}', one("name", ["first", "last"], "derived")],
    ["a literal", '{"a": "x"}', one("a", [], "derived")],
    ["a conditional", '{"v": a ? b : c}', one("v", ["a", "b", "c"], "derived")],
    ["the root via $$", '{"a": $$.x}', one("a", ["x"], "copy")],
    ["the context via $", '{"a": $.x}', one("a", ["x"], "copy")],
    ["a $-binding of the root", '($o := $; {"a": $o.customer.id})', one("a", ["customer.id"], "copy")],
    ["a $-binding of a sub-path", '($c := customer; {"a": $c.id})', one("a", ["customer.id"], "copy")],
    ["a numeric index", '{"f": items[0].sku}', one("f", ["items.sku"], "copy")],
    ["a predicate", '{"s": items[price > 3].sku}', one("s", ["items.sku", "items[].price"], "derived")],
    ["a pipe into a function", '{"a": b ~> $uppercase}', one("a", ["b"], "derived")],
    ["a pipe into a call", '{"a": b ~> $substring(0, c)}', one("a", ["b", "c"], "derived")],
    ["an aggregate", '{"t": $sum(items.price)}', one("t", ["items.price"], "derived")],
    [
      "an engine variable",
      '{"ct": $headers."content-type", "id": $id}',
      {
        ...one("ct", ["$headers.content-type"], "copy"),
        ...one("id", ["$id"], "copy"),
      },
    ],
    ["a user lambda", '($f := function($v){ $v * 2 }; {"d": $f(price)})', one("d", ["price"], "derived")],
    ["a dynamic key", "{$k: v}", one("*", ["$k", "v"], "derived")],
    ["an array constructor", '{"ab": [a, b]}', one("ab", ["a", "b"], "derived")],
    ["a group-by", '{"g": a{b: c}}', one("g", ["a", "a[].b", "a[].c"], "derived")],
  ])("%s", (_, expr, expected) => {
    expect(byTarget(expr)).toEqual(expected);
  });

  it("nests object constructors into dotted targets", () => {
    expect(byTarget('{"buyer": {"id": customer.id, "address": {"city": shipping.address.city}}}')).toEqual({
      ...one("buyer.id", ["customer.id"], "copy"),
      ...one("buyer.address.city", ["shipping.address.city"], "copy"),
    });
  });

  it("maps over arrays with items.{...}, [items.{...}] and $map", () => {
    const expected = {
      ...one("lines[].sku", ["items[].sku"], "copy"),
      ...one("lines[].q", ["items[].qty"], "derived"),
    };
    expect(byTarget('{"lines": items.{"sku": sku, "q": qty * 2}}')).toEqual(expected);
    expect(byTarget('{"lines": [items.{"sku": sku, "q": qty * 2}]}')).toEqual(expected);
    expect(byTarget('{"lines": $map(items, function($i){ {"sku": $i.sku, "q": $i.qty * 2} })}')).toEqual(expected);
    expect(byTarget('items.{"sku": sku}')).toEqual(one("[].sku", ["items[].sku"], "copy"));
  });

  it("keeps nested mappings relative to the element they iterate", () => {
    expect(byTarget('{"o": orders.{"id": id, "lines": lines.{"sku": sku}}}')).toEqual({
      ...one("o[].id", ["orders[].id"], "copy"),
      ...one("o[].lines[].sku", ["orders[].lines[].sku"], "copy"),
    });
  });

  it("merges both branches of a conditional object and reads the condition", () => {
    expect(byTarget('{"x": flag ? {"a": p} : {"a": q, "b": r}}')).toEqual({
      ...one("x.a", ["flag", "p", "q"], "derived"),
      ...one("x.b", ["flag", "r"], "derived"),
    });
  });

  it("writes the whole body when the mapping builds no object", () => {
    expect(jsonataFieldMappings("order")).toEqual([{ target: "", sources: ["order"], kind: "copy" }]);
    expect(jsonataFieldMappings("$")).toEqual([{ target: "", sources: [""], kind: "copy" }]);
    expect(jsonataFieldMappings("$uppercase(name)")).toEqual([{ target: "", sources: ["name"], kind: "derived" }]);
  });

  it("derives the reference order mapping field by field", () => {
    const m = byTarget(referenceMapping());
    expect(m.id).toEqual({ sources: ["orderId"], kind: "copy" });
    expect(m["buyer.name"]).toEqual({ sources: ["customer.name"], kind: "derived" });
    expect(m["buyer.country"]).toEqual({ sources: ["customer.country"], kind: "copy" });
    expect(m["lines[].sku"]).toEqual({ sources: ["lines[].sku"], kind: "copy" });
    expect(m["lines[].price"]).toEqual({ sources: ["lines[].unitPrice"], kind: "copy" });
    expect(m["lines[].amount"]).toEqual({ sources: ["lines[].qty", "lines[].unitPrice"], kind: "derived" });
    expect(m.subtotal).toEqual({ sources: ["lines[].qty", "lines[].unitPrice"], kind: "derived" });
    expect(m.total.sources).toEqual(["lines[].qty", "lines[].unitPrice", "shipping.cost"]);
    expect(m.priority).toEqual({ sources: ["customer.vip", "shipping.method"], kind: "derived" });
    expect(m.lineCount).toEqual({ sources: ["lines"], kind: "derived" });
  });

  it("throws on a syntax error", () => {
    expect(() => jsonataFieldMappings('{"a": }')).toThrow();
  });
});
