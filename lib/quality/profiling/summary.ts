import type { ColumnSketch } from "./column";
import type { TFormat, TValueType } from "./values";

export type TColumnType =
  "integer" | "number" | "boolean" | "date" | "datetime" | "string" | "object" | "array" | "mixed" | "empty";

export type TColumnProfile = {
  name: string;
  type: TColumnType;
  nulls: number;
  nullRate: number;
  distinct: number;
  distinctExact: boolean;
  min: number | string | null;
  max: number | string | null;
  length: { min: number; max: number; mean: number } | null;
  formats: Partial<Record<TFormat, number>>;
  patterns: { pattern: string; count: number }[];
  patternsOther: number;
  types: { type: TValueType; count: number; firstRow: number }[];
  typeDrift: boolean;
  outOfRange: { below: number; above: number };
  quantiles: { p01: number; p25: number; p50: number; p75: number; p99: number } | null;
  histogram: { from: number; to: number; count: number }[];
  top: { value: string; count: number }[];
};

const HISTOGRAM_BINS = 10;
const TOP = 10;

/**
 * The column's inferred type from the value types seen: any string makes it a string (so zip codes
 * where some lack a leading zero stay strings), integers with decimals are numbers, dates with
 * date-times are date-times; any other mix is "mixed".
 */
export function columnType(types: Iterable<TValueType>): TColumnType {
  const seen = new Set(types);
  if (seen.size === 0) return "empty";
  if (seen.has("string")) return "string";
  const only = (...allowed: TValueType[]) => [...seen].every((t) => allowed.includes(t));
  if (only("integer")) return "integer";
  if (only("integer", "decimal")) return "number";
  if (only("boolean")) return "boolean";
  if (only("date")) return "date";
  if (only("date", "datetime")) return "datetime";
  if (only("object")) return "object";
  if (only("array")) return "array";
  return "mixed";
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summarizeColumn(c: ColumnSketch, rows: number): TColumnProfile {
  const type = columnType(c.types.keys());
  const numeric = type === "integer" || type === "number";
  const nulls = rows - c.present;
  const q = (p: number) => round(c.digest.quantile(p) ?? 0);
  return {
    name: c.name,
    type,
    nulls,
    nullRate: rows ? round(nulls / rows) : 0,
    distinct: c.distinct(),
    distinctExact: c.isExact,
    min: numeric ? c.numMin : c.strMin,
    max: numeric ? c.numMax : c.strMax,
    length: c.present ? { min: c.lenMin, max: c.lenMax, mean: round(c.lenSum / c.present, 2) } : null,
    formats: Object.fromEntries([...c.formats].sort((a, b) => b[1] - a[1])),
    patterns: [...c.patterns]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([pattern, count]) => ({ pattern, count })),
    patternsOther: c.patternOther,
    types: [...c.types]
      .sort((a, b) => a[1][1] - b[1][1])
      .map(([t, [count, firstRow]]) => ({ type: t, count, firstRow })),
    typeDrift: c.types.size > 1,
    outOfRange: { below: c.below, above: c.above },
    quantiles:
      numeric && c.digest.count ? { p01: q(0.01), p25: q(0.25), p50: q(0.5), p75: q(0.75), p99: q(0.99) } : null,
    histogram: numeric ? histogram(c) : [],
    top: c.exact
      ? [...c.exact]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, TOP)
          .map(([value, count]) => ({ value, count }))
      : [],
  };
}

/**
 * Equal-width bins over [min, max], each centroid's weight in the bin of its mean. While the digest
 * holds every value as its own centroid (small inputs) the counts are exact; past that they are
 * as close as the centroids are narrow.
 */
function histogram(c: ColumnSketch): { from: number; to: number; count: number }[] {
  const min = c.numMin;
  const max = c.numMax;
  if (!Number.isFinite(min)) return [];
  if (min === max) return [{ from: min, to: max, count: c.digest.count }];
  // Integers over a short range get one bin per value rather than fractional edges.
  const perValue =
    Number.isInteger(min) && Number.isInteger(max) && max - min < HISTOGRAM_BINS && !c.types.has("decimal");
  const bins = perValue ? max - min + 1 : HISTOGRAM_BINS;
  const width = perValue ? 1 : (max - min) / HISTOGRAM_BINS;
  const counts = new Array<number>(bins).fill(0);
  for (const [mean, weight] of c.digest.centroids())
    counts[Math.min(bins - 1, Math.floor((mean - min) / width))] += weight;
  return counts.map((count, i) => ({
    from: round(min + i * width),
    to: round(perValue ? min + i : i === bins - 1 ? max : min + (i + 1) * width),
    count,
  }));
}
