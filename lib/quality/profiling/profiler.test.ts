import { describe, expect, it } from "vitest";
import { profileInput } from "./profile-input";
import { Profiler, type TProfileReport } from "./profiler";

async function* chunks(...parts: string[]) {
  for (const p of parts) yield p;
}
const col = (report: TProfileReport, name: string) => report.columns.find((c) => c.name === name)!;

const CSV = [
  "id,zip,email,amount,joined,active,note",
  "1,01234,ann@example.com,3.5,2024-01-02,true,",
  "2,12345,,4,2024-02-03,false,Hello world",
  "3,00999,bob@example.org,,2024-03-04,true,Hi",
  "4,54321,not-an-email,12.25,2024-04-05,false,",
].join("\n");

describe("Profiler over CSV", () => {
  it("profiles nulls, types, min/max, lengths, formats, patterns and distincts exactly", async () => {
    const report = (await profileInput("csv", chunks(CSV))).report();
    expect(report.rows).toBe(4);
    expect(report.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["zip", "string"],
      ["email", "string"],
      ["amount", "number"],
      ["joined", "date"],
      ["active", "boolean"],
      ["note", "string"],
    ]);
    expect(col(report, "id")).toMatchObject({ nulls: 0, distinct: 4, distinctExact: true, min: 1, max: 4 });
    // Zip codes keep their leading zeros: a string column, min/max as strings.
    expect(col(report, "zip")).toMatchObject({ min: "00999", max: "54321", formats: { digits: 2, integer: 2 } });
    expect(col(report, "zip").types).toEqual([
      { type: "string", count: 2, firstRow: 1 },
      { type: "integer", count: 2, firstRow: 2 },
    ]);
    expect(col(report, "email")).toMatchObject({
      nulls: 1,
      nullRate: 0.25,
      formats: { email: 2, text: 1 },
      length: { min: 12, max: 15, mean: 14 },
    });
    expect(col(report, "amount")).toMatchObject({ nulls: 1, min: 3.5, max: 12.25, typeDrift: true });
    expect(col(report, "amount").quantiles).toMatchObject({ p50: 4 });
    expect(col(report, "note")).toMatchObject({
      nulls: 2,
      patterns: [
        { pattern: "Aa", count: 1 },
        { pattern: "Aaaaa aaaaa", count: 1 },
      ],
    });
    expect(col(report, "active").top).toEqual([
      { value: "false", count: 2 },
      { value: "true", count: 2 },
    ]);
  });

  it("gives the same profile whatever the chunk boundaries, quoted line breaks included", async () => {
    const text = 'a,b\n1,"x\ny"\n2,"say ""hi"""\n3,z\n';
    const whole = (await profileInput("csv", chunks(text))).report();
    for (let cut = 1; cut < text.length; cut++) {
      const split = (await profileInput("csv", chunks(text.slice(0, cut), text.slice(cut)))).report();
      expect(split).toEqual(whole);
    }
    expect(col(whole, "b").top.map((t) => t.value)).toEqual(['say "hi"', "x\ny", "z"]);
  });

  it("names the line of a malformed row, counting quoted line breaks", async () => {
    await expect(profileInput("csv", chunks('a,b\n"1\n2",3\n4\n'))).rejects.toThrow(
      "line 4: CSV row has 1 fields, the header has 2",
    );
    await expect(profileInput("csv", chunks("a,b\n1,2\n", '3,"4\n'))).rejects.toThrow(/^line 3: CSV quoted field/);
    await expect(profileInput("csv", chunks("a,a\n1,2\n"))).rejects.toThrow(
      'line 1: CSV header repeats the column "a"',
    );
    await expect(profileInput("csv", chunks(""))).rejects.toThrow("line 1: CSV has no header row");
  });

  it("counts out-of-range values against configured bounds", async () => {
    const p = await profileInput("csv", chunks("n,code\n-1,AB\n5,ABC\n11,ABCDEF\n"), {
      bounds: { n: { min: 0, max: 10 }, code: { minLength: 3, maxLength: 5 } },
    });
    const report = p.report();
    expect(col(report, "n").outOfRange).toEqual({ below: 1, above: 1 });
    expect(col(report, "code").outOfRange).toEqual({ below: 1, above: 1 });
  });

  it("switches from exact to approximate distinct counts past the bound", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i % 10}`).join("\n");
    const report = (
      await profileInput("csv", chunks(`id,small\n${rows}\n`), { limits: { exactDistinct: 1000 } })
    ).report();
    expect(col(report, "small")).toMatchObject({ distinct: 10, distinctExact: true });
    expect(col(report, "id").distinctExact).toBe(false);
    expect(Math.abs(col(report, "id").distinct - 5000)).toBeLessThan(150);
    expect(col(report, "id").top).toEqual([]);
  });
});

describe("Profiler over JSON", () => {
  it("counts JSON nulls and missing keys as nulls, flattens nested objects, keeps JSON types", async () => {
    const text = JSON.stringify([
      { id: 1, zip: "01234", customer: { name: "Ann", tier: 2 } },
      { id: 2, zip: null, customer: { name: "Bob" } },
      { id: "3", tags: ["a"] },
    ]);
    const report = (await profileInput("json", chunks(text.slice(0, 17), text.slice(17)))).report();
    expect(report.rows).toBe(3);
    expect(col(report, "zip")).toMatchObject({ type: "string", nulls: 2, min: "01234" });
    expect(col(report, "customer.name")).toMatchObject({ nulls: 1, distinct: 2 });
    expect(col(report, "customer.tier")).toMatchObject({ type: "integer", nulls: 2, min: 2, max: 2 });
    expect(col(report, "tags")).toMatchObject({ type: "array", nulls: 2 });
    expect(col(report, "id")).toMatchObject({ type: "string", typeDrift: true, min: "1", max: "3" });
    expect(col(report, "id").types).toEqual([
      { type: "integer", count: 2, firstRow: 1 },
      { type: "string", count: 1, firstRow: 3 },
    ]);
  });

  it("reads JSON lines and names the line of a malformed one", async () => {
    const report = (await profileInput("jsonl", chunks('{"a":1}\n\n{"a":', '2,"b":true}\n'))).report();
    expect(report.rows).toBe(2);
    expect(col(report, "b")).toMatchObject({ type: "boolean", nulls: 1 });
    await expect(profileInput("jsonl", chunks('{"a":1}\n{"a":}\n'))).rejects.toThrow(/^line 2: JSON unexpected token/);
    await expect(profileInput("jsonl", chunks("[1]\n"))).rejects.toThrow(
      "line 1: expected a JSON object, got an array",
    );
  });

  it("rejects a malformed JSON array at the element's line", async () => {
    await expect(profileInput("json", chunks('[\n{"a":1},\n{"a": }\n]'))).rejects.toThrow(
      /^line 3: JSON unexpected token/,
    );
    await expect(profileInput("json", chunks('[{"a":1},]'))).rejects.toThrow("line 1: JSON trailing comma before ']'");
    await expect(profileInput("json", chunks('{"a":1}'))).rejects.toThrow(
      "line 1: expected a JSON array ('[') at the start",
    );
    await expect(profileInput("json", chunks('[{"a":1}\n'))).rejects.toThrow(
      "line 2: JSON array is not closed (missing ']')",
    );
    await expect(profileInput("json", chunks("[1]"))).rejects.toThrow(
      "line 1: expected a JSON object as array element",
    );
  });
});

describe("merging partial profiles", () => {
  it("gives the profile of the whole stream, through the stored state", async () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({
      n: i,
      kind: i < 2500 ? "a" : 7,
      code: i % 3 === 0 ? null : `X-${i % 50}`,
    }));
    const whole = new Profiler({ mode: "json", limits: { exactDistinct: 100 } });
    for (const r of records) whole.add(r);
    const merged = new Profiler({ mode: "json", limits: { exactDistinct: 100 } });
    for (let start = 0; start < records.length; start += 1000) {
      const part = new Profiler({ mode: "json", limits: { exactDistinct: 100 } });
      for (const r of records.slice(start, start + 1000)) part.add(r);
      merged.merge(JSON.parse(JSON.stringify(part.toState())));
    }
    const a = whole.report();
    const b = merged.report();
    expect(b.rows).toBe(3000);
    for (const name of ["kind", "code"]) expect(col(b, name)).toEqual(col(a, name));
    // The first-seen row of a type that appears in a later part is shifted by the rows before it.
    expect(col(b, "kind").types).toEqual([
      { type: "string", count: 2500, firstRow: 1 },
      { type: "integer", count: 500, firstRow: 2501 },
    ]);
    const n = col(b, "n");
    expect(n).toMatchObject({ min: 0, max: 2999, nulls: 0, distinctExact: false });
    expect(Math.abs(n.distinct - 3000)).toBeLessThan(100);
    expect(Math.abs(n.quantiles!.p50 - 1500)).toBeLessThan(30);
    expect(n.histogram.reduce((s, h) => s + h.count, 0)).toBe(3000);
  });
});
