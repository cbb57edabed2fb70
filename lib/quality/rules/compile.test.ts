import { describe, expect, it } from "vitest";
import { createEvaluator } from "@/lib/engine/sandbox/evaluator";
import { compileRuleSet, evaluateRecord, hasErrors, type TCompileOptions } from "./compile";
import { ZRuleSetDocument, type TRuleSetDocumentInput } from "./document";

type TRuleInput = TRuleSetDocumentInput["rules"][number];

async function check(rule: TRuleInput, record: unknown, opts: TCompileOptions = {}) {
  return evaluateRecord(compileRuleSet({ rules: [rule] }, opts), record);
}
const fields = async (rule: TRuleInput, record: unknown, opts?: TCompileOptions) =>
  (await check(rule, record, opts)).map((v) => v.field);

describe("rule-set document", () => {
  it.each<[string, unknown, string]>([
    [
      "duplicate ids",
      {
        rules: [
          { id: "a", field: "x", check: "required" },
          { id: "a", field: "y", check: "required" },
        ],
      },
      "duplicate rule id",
    ],
    ["bad path", { rules: [{ id: "a", field: "lines[0]", check: "required" }] }, "not a field path"],
    ["bad id", { rules: [{ id: "Bad Id", field: "x", check: "required" }] }, "lower-case"],
    ["unknown check", { rules: [{ id: "a", field: "x", check: "magic" }] }, "check"],
    ["range without bounds", { rules: [{ id: "a", field: "x", check: "range" }] }, "give min, max or both"],
    [
      "min above max",
      { rules: [{ id: "a", field: "x", check: "length", min: 5, max: 2 }] },
      "max must not be below min",
    ],
    ["lookaround pattern", { rules: [{ id: "a", field: "x", check: "pattern", pattern: "(?=a)" }] }, "RE2"],
    ["bad JSONata", { rules: [{ id: "a", field: "x", check: "expression", expression: "a >" }] }, "invalid JSONata"],
    [
      "two conditions",
      { rules: [{ id: "a", field: "x", check: "required", when: { field: "y", equals: 1, present: true } }] },
      "exactly one",
    ],
    ["extra key", { rules: [{ id: "a", field: "x", check: "required", min: 1 }] }, "min"],
    ["bad date bound", { rules: [{ id: "a", field: "x", check: "date_range", min: "yesterday" }] }, "ISO date"],
  ])("rejects %s", (_label, doc, expected) => {
    const res = ZRuleSetDocument.safeParse(doc);
    expect(res.success).toBe(false);
    expect(JSON.stringify(res.error?.issues)).toContain(expected);
  });

  it("defaults severity to error", () => {
    expect(ZRuleSetDocument.parse({ rules: [{ id: "a", field: "x", check: "required" }] }).rules[0].severity).toBe(
      "error",
    );
  });
});

describe("checks", () => {
  it("required: missing, null and blank strings fail; 0 and false pass", async () => {
    const rule = { id: "r", field: "name", check: "required" } as const;
    for (const bad of [{}, { name: null }, { name: "  " }]) expect(await fields(rule, bad)).toEqual(["name"]);
    for (const good of [{ name: "x" }, { name: 0 }, { name: false }]) expect(await fields(rule, good)).toEqual([]);
  });

  it("other checks skip absent values (required is its own rule)", async () => {
    expect(await fields({ id: "r", field: "email", check: "format", format: "email" }, {})).toEqual([]);
  });

  it("type: integer is not any number, numeric strings are not numbers", async () => {
    const int = { id: "r", field: "qty", check: "type", type: "integer" } as const;
    expect(await fields(int, { qty: 2 })).toEqual([]);
    expect(await fields(int, { qty: 2.5 })).toEqual(["qty"]);
    expect(await fields({ id: "r", field: "n", check: "type", type: "number" }, { n: "3" })).toEqual(["n"]);
    expect(await fields({ id: "r", field: "o", check: "type", type: "object" }, { o: [] })).toEqual(["o"]);
    expect(await fields({ id: "r", field: "o", check: "type", type: "array" }, { o: [] })).toEqual([]);
  });

  it("format: reports the failing value and a readable message", async () => {
    const [v] = await check(
      { id: "iban", field: "iban", check: "format", format: "iban" },
      { iban: "DE89370400440532013001" },
    );
    expect(v).toEqual({
      ruleId: "iban",
      field: "iban",
      value: "DE89370400440532013001",
      message: "iban must be an IBAN with a valid checksum",
      severity: "error",
    });
  });

  it("pattern runs on RE2", async () => {
    const rule = { id: "r", field: "sku", check: "pattern", pattern: "^[A-Z]{3}-\\d{4}$" } as const;
    expect(await fields(rule, { sku: "ABC-1234" })).toEqual([]);
    expect(await fields(rule, { sku: "abc-1234" })).toEqual(["sku"]);
    expect(await fields(rule, { sku: 1234 })).toEqual(["sku"]);
  });

  it("range: inclusive bounds, non-numbers fail", async () => {
    const rule = { id: "r", field: "qty", check: "range", min: 1, max: 10 } as const;
    expect(await fields(rule, { qty: 1 })).toEqual([]);
    expect(await fields(rule, { qty: 10 })).toEqual([]);
    expect(await fields(rule, { qty: 0 })).toEqual(["qty"]);
    expect(await fields(rule, { qty: 10.5 })).toEqual(["qty"]);
    expect(await fields(rule, { qty: "5" })).toEqual(["qty"]);
  });

  it("length: counts characters (not UTF-16 units) and array elements", async () => {
    const rule = { id: "r", field: "code", check: "length", min: 2, max: 3 } as const;
    expect(await fields(rule, { code: "😀😀😀" })).toEqual([]);
    expect(await fields(rule, { code: "a" })).toEqual(["code"]);
    expect(await fields(rule, { code: ["a", "b", "c", "d"] })).toEqual(["code"]);
  });

  it("date_range: real dates within absolute and relative bounds", async () => {
    const now = () => Date.parse("2026-03-10T12:00:00Z");
    const rule = { id: "r", field: "d", check: "date_range", min: "2026-01-01", max: "today+7d" } as const;
    expect(await fields(rule, { d: "2026-03-17" }, { now })).toEqual([]);
    expect(await fields(rule, { d: "2026-03-18" }, { now })).toEqual(["d"]);
    expect(await fields(rule, { d: "2025-12-31" }, { now })).toEqual(["d"]);
    expect(await fields(rule, { d: "2026-02-31" }, { now })).toEqual(["d"]);
    expect(await fields(rule, { d: "2026-02-01T10:00:00Z" }, { now })).toEqual([]);
  });

  it("enum: strict equality", async () => {
    const rule: TRuleInput = { id: "r", field: "status", check: "enum", values: ["open", "closed", 1] };
    expect(await fields(rule, { status: "open" })).toEqual([]);
    expect(await fields(rule, { status: "OPEN" })).toEqual(["status"]);
    expect(await fields(rule, { status: "1" })).toEqual(["status"]);
  });

  it("expression: a JSONata condition over the record, $value bound to the field", async () => {
    const evaluator = createEvaluator();
    try {
      const rule = {
        id: "r",
        field: "deliveryDate",
        check: "expression",
        expression: "$value >= orderDate",
      } as const;
      expect(await fields(rule, { orderDate: "2026-01-02", deliveryDate: "2026-01-03" }, { evaluator })).toEqual([]);
      expect(await fields(rule, { orderDate: "2026-01-02", deliveryDate: "2026-01-01" }, { evaluator })).toEqual([
        "deliveryDate",
      ]);
    } finally {
      await evaluator.close();
    }
  });

  it("lookup: asks master data; without it the rule is listed as unchecked", async () => {
    const seen: unknown[] = [];
    const masterData = {
      exists: async (entity: string, attribute: string, value: unknown) => {
        seen.push([entity, attribute, value]);
        return value === "C-1";
      },
    };
    const rule = { id: "r", field: "customerId", check: "lookup", entity: "customer", attribute: "id" } as const;
    expect(await fields(rule, { customerId: "C-1" }, { masterData })).toEqual([]);
    expect(await fields(rule, { customerId: "C-2" }, { masterData })).toEqual(["customerId"]);
    expect(seen).toEqual([
      ["customer", "id", "C-1"],
      ["customer", "id", "C-2"],
    ]);
    expect(compileRuleSet({ rules: [rule] }).unchecked).toEqual(["r"]);
  });

  it("when: a cross-field condition, per element when it names the same array", async () => {
    const vat: TRuleInput = {
      id: "r",
      field: "vatId",
      check: "required",
      when: { field: "country", in: ["DE", "FR"] },
    };
    expect(await fields(vat, { country: "DE" })).toEqual(["vatId"]);
    expect(await fields(vat, { country: "US" })).toEqual([]);
    const serial = {
      id: "s",
      field: "lines[].serial",
      check: "required",
      when: { field: "lines[].kind", equals: "device" },
    } as const;
    const record = { lines: [{ kind: "device" }, { kind: "service" }, { kind: "device", serial: "X" }] };
    expect(await fields(serial, record)).toEqual(["lines[0].serial"]);
  });

  it("a custom message and warnings, which do not count as errors", async () => {
    const v = await check(
      { id: "r", field: "note", check: "length", max: 3, severity: "warning", message: "Keep notes short" },
      { note: "too long" },
    );
    expect(v).toMatchObject([{ message: "Keep notes short", severity: "warning" }]);
    expect(hasErrors(v)).toBe(false);
  });

  it("reports every failing element of an array", async () => {
    const rule = { id: "r", field: "lines[].qty", check: "range", min: 1 } as const;
    expect(await fields(rule, { lines: [{ qty: 0 }, { qty: 2 }, { qty: -1 }] })).toEqual([
      "lines[0].qty",
      "lines[2].qty",
    ]);
  });
});
