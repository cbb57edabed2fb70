import { hash32 } from "./hash";
import { HyperLogLog } from "./hyperloglog";
import { TDigest, type TDigestState } from "./tdigest";
import type { TClassified, TFormat, TValueType } from "./values";

/** Limits that keep one column's memory fixed, whatever the stream's length. */
export type TColumnLimits = {
  /** Distinct values counted exactly (with their counts) up to here, then HyperLogLog takes over. */
  exactDistinct: number;
  /** Distinct shape patterns kept; the rest are counted as "other". */
  patterns: number;
};
export const DEFAULT_LIMITS: TColumnLimits = { exactDistinct: 2048, patterns: 50 };

/** Configured bounds for out-of-range counts: numbers against min/max, text by its length. */
export type TBounds = { min?: number; max?: number; minLength?: number; maxLength?: number };

/** The serialisable state of one column's sketches: what a partial profile stores and merges. */
export type TColumnState = {
  name: string;
  present: number;
  types: Partial<Record<TValueType, [count: number, firstRow: number]>>;
  formats: Partial<Record<TFormat, number>>;
  patterns: Record<string, number>;
  patternOther: number;
  exact: [string, number][] | null;
  hll: string | null;
  numMin: number | null;
  numMax: number | null;
  strMin: string | null;
  strMax: string | null;
  lenMin: number | null;
  lenMax: number | null;
  lenSum: number;
  digest: TDigestState | null;
  below: number;
  above: number;
};

/** Sketches of one field: counts, exact-then-approximate distinct, ranges, shapes, quantiles. */
export class ColumnSketch {
  readonly name: string;
  present = 0;
  readonly types = new Map<TValueType, [number, number]>();
  readonly formats = new Map<TFormat, number>();
  readonly patterns = new Map<string, number>();
  patternOther = 0;
  exact: Map<string, number> | null = new Map();
  hll: HyperLogLog | null = null;
  numMin = Infinity;
  numMax = -Infinity;
  strMin: string | null = null;
  strMax: string | null = null;
  lenMin = Infinity;
  lenMax = -Infinity;
  lenSum = 0;
  readonly digest = new TDigest();
  below = 0;
  above = 0;

  constructor(
    name: string,
    private readonly limits: TColumnLimits = DEFAULT_LIMITS,
    private readonly bounds: TBounds | undefined = undefined,
  ) {
    this.name = name;
  }

  /** One non-null value at 1-based row `row` of the stream. */
  add(v: TClassified, row: number): void {
    this.present++;
    const t = this.types.get(v.type);
    if (t) t[0]++;
    else this.types.set(v.type, [1, row]);
    this.formats.set(v.format, (this.formats.get(v.format) ?? 0) + 1);
    const text = v.text;
    if (this.exact) {
      this.exact.set(text, (this.exact.get(text) ?? 0) + 1);
      if (this.exact.size > this.limits.exactDistinct) this.toApproximate();
    } else this.hll!.addHash(hash32(text));
    if (v.type !== "object" && v.type !== "array") this.addShape(text);
    if (this.strMin === null || text < this.strMin) this.strMin = text;
    if (this.strMax === null || text > this.strMax) this.strMax = text;
    const len = text.length;
    if (len < this.lenMin) this.lenMin = len;
    if (len > this.lenMax) this.lenMax = len;
    this.lenSum += len;
    const b = this.bounds;
    if (v.num !== null) {
      const n = v.num;
      if (n < this.numMin) this.numMin = n;
      if (n > this.numMax) this.numMax = n;
      this.digest.add(n);
      if (b?.min !== undefined && n < b.min) this.below++;
      if (b?.max !== undefined && n > b.max) this.above++;
    } else if (b) {
      if (b.minLength !== undefined && len < b.minLength) this.below++;
      if (b.maxLength !== undefined && len > b.maxLength) this.above++;
    }
  }

  private addShape(text: string): void {
    // Shapes are computed on the first 24 characters only (shapeOf), so this stays cheap.
    const p = shape(text);
    const count = this.patterns.get(p);
    if (count !== undefined) this.patterns.set(p, count + 1);
    else if (this.patterns.size < this.limits.patterns) this.patterns.set(p, 1);
    else this.patternOther++;
  }

  private toApproximate(): void {
    const hll = new HyperLogLog();
    for (const k of this.exact!.keys()) hll.add(k);
    this.hll = hll;
    this.exact = null;
  }

  get isExact(): boolean {
    return this.exact !== null;
  }

  distinct(): number {
    return this.exact ? this.exact.size : this.hll!.count();
  }

  /** Folds in the sketch of the same field over a later part of the stream, `offset` rows on. */
  merge(other: ColumnSketch, offset: number): void {
    this.present += other.present;
    for (const [type, [count, first]] of other.types) {
      const t = this.types.get(type);
      if (t) t[0] += count;
      else this.types.set(type, [count, first + offset]);
    }
    for (const [f, n] of other.formats) this.formats.set(f, (this.formats.get(f) ?? 0) + n);
    for (const [p, n] of other.patterns) {
      const count = this.patterns.get(p);
      if (count !== undefined) this.patterns.set(p, count + n);
      else if (this.patterns.size < this.limits.patterns) this.patterns.set(p, n);
      else this.patternOther += n;
    }
    this.patternOther += other.patternOther;
    if (this.exact && other.exact) {
      for (const [k, n] of other.exact) this.exact.set(k, (this.exact.get(k) ?? 0) + n);
      if (this.exact.size > this.limits.exactDistinct) this.toApproximate();
    } else {
      if (this.exact) this.toApproximate();
      if (other.exact) for (const k of other.exact.keys()) this.hll!.add(k);
      else this.hll!.merge(other.hll!);
    }
    if (other.numMin < this.numMin) this.numMin = other.numMin;
    if (other.numMax > this.numMax) this.numMax = other.numMax;
    if (other.strMin !== null && (this.strMin === null || other.strMin < this.strMin)) this.strMin = other.strMin;
    if (other.strMax !== null && (this.strMax === null || other.strMax > this.strMax)) this.strMax = other.strMax;
    if (other.lenMin < this.lenMin) this.lenMin = other.lenMin;
    if (other.lenMax > this.lenMax) this.lenMax = other.lenMax;
    this.lenSum += other.lenSum;
    this.digest.merge(other.digest);
    this.below += other.below;
    this.above += other.above;
  }

  toState(): TColumnState {
    const fin = (n: number) => (Number.isFinite(n) ? n : null);
    return {
      name: this.name,
      present: this.present,
      types: Object.fromEntries(this.types),
      formats: Object.fromEntries(this.formats),
      patterns: Object.fromEntries(this.patterns),
      patternOther: this.patternOther,
      exact: this.exact ? [...this.exact] : null,
      hll: this.hll ? this.hll.toBase64() : null,
      numMin: fin(this.numMin),
      numMax: fin(this.numMax),
      strMin: this.strMin,
      strMax: this.strMax,
      lenMin: fin(this.lenMin),
      lenMax: fin(this.lenMax),
      lenSum: this.lenSum,
      digest: this.digest.count ? this.digest.toJSON() : null,
      below: this.below,
      above: this.above,
    };
  }

  static fromState(s: TColumnState, limits: TColumnLimits = DEFAULT_LIMITS, bounds?: TBounds): ColumnSketch {
    const c = new ColumnSketch(s.name, limits, bounds);
    c.present = s.present;
    for (const [t, v] of Object.entries(s.types)) c.types.set(t as TValueType, [v[0], v[1]]);
    for (const [f, n] of Object.entries(s.formats)) c.formats.set(f as TFormat, n);
    for (const [p, n] of Object.entries(s.patterns)) c.patterns.set(p, n);
    c.patternOther = s.patternOther;
    c.exact = s.exact ? new Map(s.exact) : null;
    c.hll = s.hll ? HyperLogLog.fromBase64(s.hll) : null;
    if (!c.exact && !c.hll) c.exact = new Map();
    c.numMin = s.numMin ?? Infinity;
    c.numMax = s.numMax ?? -Infinity;
    c.strMin = s.strMin;
    c.strMax = s.strMax;
    c.lenMin = s.lenMin ?? Infinity;
    c.lenMax = s.lenMax ?? -Infinity;
    c.lenSum = s.lenSum;
    if (s.digest) c.digest.merge(TDigest.fromJSON(s.digest));
    c.below = s.below;
    c.above = s.above;
    return c;
  }
}

const PATTERN_MAX = 24;

/** Shape class of a value: upper → A, lower → a, digit → 9, anything else kept ("Aaaa 99"). */
export function shape(s: string): string {
  const n = s.length < PATTERN_MAX ? s.length : PATTERN_MAX;
  let out = "";
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) out += "a";
    else if (c >= 65 && c <= 90) out += "A";
    else if (c >= 48 && c <= 57) out += "9";
    else out += s[i];
  }
  return s.length > PATTERN_MAX ? `${out}…` : out;
}
