import { describe, expect, it } from "vitest";
import { computeBaseline, detectAnomalies, type TRunSnapshot } from "./anomaly";
import { Profiler } from "./profiler";
import type { TBounds } from "./column";

const THRESHOLDS = { nullRateJump: 0.1, volumeDrop: 0.5, outOfRangeGrowth: 0.05 };

function run(records: Record<string, unknown>[], bounds?: Record<string, TBounds>): TRunSnapshot {
  const p = new Profiler({ mode: "json", bounds });
  for (const r of records) p.add(r);
  const report = p.report();
  return { rows: report.rows, columns: report.columns };
}

/** A normal day: 100 orders, email always set, amount 10..109, sku shaped "AB-999". */
function normal(n = 100, over: (i: number) => Record<string, unknown> = () => ({})) {
  return run(
    Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      email: `user${i}@example.com`,
      amount: 10 + (i % 100),
      sku: `AB-${String(100 + (i % 900))}`,
      ...over(i),
    })),
    { amount: { min: 0, max: 1000 } },
  );
}

const kinds = (xs: { kind: string; column: string | null }[]) => xs.map((a) => `${a.kind}:${a.column ?? "*"}`).sort();

describe("profiling baseline", () => {
  it("averages rows and null rates, unions formats, patterns and types", () => {
    const b = computeBaseline([normal(100), normal(200, (i) => ({ email: i % 10 === 0 ? null : `u${i}@x.org` }))]);
    expect(b.runs).toBe(2);
    expect(b.rows).toBe(150);
    expect(b.columns.email.nullRate).toBeCloseTo(0.05, 4);
    expect(b.columns.email.formats).toEqual(["email"]);
    expect(b.columns.sku.patterns).toEqual(["AA-999"]);
    expect(b.columns.sku.patternsOpen).toBe(false);
    expect(b.columns.amount.types).toEqual(["integer"]);
    expect(b.columns.id.runs).toBe(2);
  });

  it("marks a column with many shapes as open (free text)", () => {
    const b = computeBaseline([
      run(Array.from({ length: 60 }, (_, i) => ({ note: "x".repeat(i + 1) }))),
      run([{ note: "a" }]),
    ]);
    expect(b.columns.note.patternsOpen).toBe(true);
  });
});

describe("profiling anomalies", () => {
  const baseline = computeBaseline([normal(100), normal(110), normal(90)]);

  it("reports nothing for a run like the baseline", () => {
    expect(detectAnomalies(normal(105), baseline, THRESHOLDS)).toEqual([]);
  });

  it("reports nothing with fewer than two baseline runs, however different the run", () => {
    const one = computeBaseline([normal(100)]);
    const bad = normal(5, () => ({ email: null, amount: "n/a" }));
    expect(detectAnomalies(bad, one, THRESHOLDS)).toEqual([]);
    expect(detectAnomalies(bad, null, THRESHOLDS)).toEqual([]);
  });

  it("null-rate jump: only an increase past the threshold", () => {
    const small = normal(100, (i) => ({ email: i < 5 ? null : `user${i}@example.com` }));
    expect(detectAnomalies(small, baseline, THRESHOLDS)).toEqual([]);
    const big = normal(100, (i) => ({ email: i < 40 ? null : `user${i}@example.com` }));
    const found = detectAnomalies(big, baseline, THRESHOLDS);
    expect(kinds(found)).toEqual(["null_rate_jump:email"]);
    expect(found[0].severity).toBe("critical"); // 40 points over a 10-point threshold
    expect(found[0].message).toContain("40%");
  });

  it("a field missing from every record is a null-rate jump to 100%", () => {
    const r = normal(100);
    r.columns = r.columns.filter((c) => c.name !== "email");
    const found = detectAnomalies(r, baseline, THRESHOLDS);
    expect(kinds(found)).toEqual(["null_rate_jump:email"]);
    expect(found[0].details).toMatchObject({ nullRate: 1, missing: true });
  });

  it("new format: an email column receiving phone numbers (reported once, not also as a new pattern)", () => {
    const r = normal(100, (i) => (i === 3 ? { email: "+49 30 1234567" } : {}));
    const found = detectAnomalies(r, baseline, THRESHOLDS);
    expect(kinds(found)).toEqual(["new_format:email"]);
    expect(found[0].details).toMatchObject({ formats: ["phone"], counts: { phone: 1 } });
  });

  it("new pattern: a code of a new shape in a closed set of shapes", () => {
    const r = normal(100, (i) => (i === 7 ? { sku: "ab_12" } : {}));
    const found = detectAnomalies(r, baseline, THRESHOLDS);
    expect(kinds(found)).toEqual(["new_pattern:sku"]);
    expect(found[0].message).toContain('"aa_99"');
  });

  it("no new-pattern noise on free-text columns", () => {
    const text = (n: number, from: number) =>
      run(Array.from({ length: n }, (_, i) => ({ note: "word ".repeat(((i + from) % 40) + 1) })));
    const b = computeBaseline([text(50, 0), text(50, 5)]);
    expect(detectAnomalies(text(50, 13), b, THRESHOLDS)).toEqual([]);
  });

  it("type drift: strings in an integer column", () => {
    const r = normal(100, (i) => (i === 50 ? { amount: "twelve" } : {}));
    const found = detectAnomalies(r, baseline, THRESHOLDS).filter((a) => a.kind === "type_drift");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ column: "amount", severity: "critical" });
    expect(found[0].message).toContain("first at row 51");
  });

  it("out-of-range growth past the threshold only", () => {
    const few = normal(100, (i) => (i < 4 ? { amount: 5000 } : {}));
    expect(detectAnomalies(few, baseline, THRESHOLDS)).toEqual([]);
    const many = normal(100, (i) => (i < 20 ? { amount: 5000 } : {}));
    const found = detectAnomalies(many, baseline, THRESHOLDS);
    expect(kinds(found)).toEqual(["out_of_range_growth:amount"]);
    expect(found[0].details).toMatchObject({ above: 20, outOfRangeRate: 0.2 });
  });

  it("volume drop: rows under (1 - volumeDrop) × the baseline mean", () => {
    expect(detectAnomalies(normal(51), baseline, THRESHOLDS)).toEqual([]);
    const found = detectAnomalies(normal(40), baseline, THRESHOLDS);
    expect(kinds(found)).toEqual(["volume_drop:*"]);
    expect(found[0].severity).toBe("warning");
    const none = detectAnomalies({ rows: 0, columns: [] }, baseline, THRESHOLDS);
    expect(kinds(none)).toEqual(["volume_drop:*"]);
    expect(none[0].severity).toBe("critical");
  });

  it("a column seen in only one baseline run is not judged yet", () => {
    const b = computeBaseline([normal(100, () => ({ extra: "x" })), normal(100), normal(100)]);
    const r = normal(100, () => ({ extra: 12 }));
    expect(detectAnomalies(r, b, THRESHOLDS)).toEqual([]);
  });

  it("thresholds are honoured", () => {
    const r = normal(100, (i) => ({ email: i < 15 ? null : `user${i}@example.com` }));
    expect(kinds(detectAnomalies(r, baseline, THRESHOLDS))).toEqual(["null_rate_jump:email"]);
    expect(detectAnomalies(r, baseline, { ...THRESHOLDS, nullRateJump: 0.2 })).toEqual([]);
  });
});
