import { NotCompilable, seq, toBoolean, toStr } from "./jsonata-runtime";

// Built-ins the compiled fast path implements, each matching jsonata 2.2 for well-typed input and
// throwing NotCompilable where stock jsonata would coerce differently or raise an error.

export type TBuiltin = {
  /** Allowed argument counts. */
  arity: number[];
  /** Signature has a `-` marker: with no arguments the context item is the argument. */
  usesContext?: boolean;
  fn: (...args: unknown[]) => unknown;
};

const str = (v: unknown, name: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw new NotCompilable(`$${name} of a non-string`);
  return v;
};

const num = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new NotCompilable(`$${name} of a non-number`);
  return v;
};

const numbers = (v: unknown, name: string): number[] | undefined => {
  if (v === undefined) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  for (const n of arr) if (typeof n !== "number") throw new NotCompilable(`$${name} of non-numbers`);
  return arr as number[];
};

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;

export const BUILTINS: Record<string, TBuiltin> = {
  string: { arity: [0, 1], usesContext: true, fn: (v) => toStr(v) },
  number: {
    arity: [0, 1],
    usesContext: true,
    fn: (v) => {
      if (v === undefined || typeof v === "number") return v;
      if (typeof v === "string" && DECIMAL.test(v) && Number.isFinite(parseFloat(v))) return parseFloat(v);
      if (typeof v === "boolean") return v ? 1 : 0;
      throw new NotCompilable("$number of an unconvertible value");
    },
  },
  uppercase: { arity: [0, 1], usesContext: true, fn: (v) => str(v, "uppercase")?.toUpperCase() },
  lowercase: { arity: [0, 1], usesContext: true, fn: (v) => str(v, "lowercase")?.toLowerCase() },
  trim: {
    arity: [0, 1],
    usesContext: true,
    fn: (v) => {
      const s = str(v, "trim");
      if (s === undefined) return undefined;
      let r = s.replace(/[ \t\n\r]+/gm, " ");
      if (r.charAt(0) === " ") r = r.substring(1);
      if (r.charAt(r.length - 1) === " ") r = r.substring(0, r.length - 1);
      return r;
    },
  },
  length: {
    arity: [0, 1],
    usesContext: true,
    fn: (v) => {
      const s = str(v, "length");
      return s === undefined ? undefined : Array.from(s).length;
    },
  },
  sum: { arity: [1], fn: (v) => numbers(v, "sum")?.reduce((a, b) => a + b, 0) },
  count: { arity: [1], fn: (v) => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1) },
  exists: { arity: [1], fn: (v) => v !== undefined },
  boolean: { arity: [0, 1], usesContext: true, fn: (v) => toBoolean(v) },
  not: {
    arity: [0, 1],
    usesContext: true,
    fn: (v) => {
      const b = toBoolean(v);
      return b === undefined ? undefined : !b;
    },
  },
  abs: {
    arity: [0, 1],
    usesContext: true,
    fn: (v) => {
      const n = num(v, "abs");
      return n === undefined ? undefined : Math.abs(n);
    },
  },
  floor: {
    arity: [0, 1],
    usesContext: true,
    fn: (v) => {
      const n = num(v, "floor");
      return n === undefined ? undefined : Math.floor(n);
    },
  },
  ceil: {
    arity: [0, 1],
    usesContext: true,
    fn: (v) => {
      const n = num(v, "ceil");
      return n === undefined ? undefined : Math.ceil(n);
    },
  },
  round: {
    arity: [1, 2],
    fn: (v, precision) => {
      // jsonata rounds half to even, shifting by the precision through the decimal exponent.
      const n = num(v, "round");
      if (n === undefined) return undefined;
      if (precision !== undefined && (typeof precision !== "number" || !Number.isInteger(precision)))
        throw new NotCompilable("$round precision");
      const p = precision as number | undefined;
      let arg = n;
      if (p) {
        const parts = arg.toString().split("e");
        arg = +`${parts[0]}e${parts[1] ? +parts[1] + p : p}`;
      }
      let result = Math.round(arg);
      if (Math.abs(result - arg) === 0.5 && Math.abs(result % 2) === 1) result -= 1;
      if (p) {
        const parts = result.toString().split("e");
        result = +`${parts[0]}e${parts[1] ? +parts[1] - p : -p}`;
      }
      return Object.is(result, -0) ? 0 : result;
    },
  },
  join: {
    arity: [1, 2],
    fn: (v, sep) => {
      if (v === undefined) return undefined;
      const arr = Array.isArray(v) ? v : [v];
      if (arr.some((x) => typeof x !== "string") || (sep !== undefined && typeof sep !== "string"))
        throw new NotCompilable("$join of non-strings");
      return arr.join((sep as string | undefined) ?? "");
    },
  },
  max: {
    arity: [1],
    fn: (v) => {
      const a = numbers(v, "max");
      return a === undefined || a.length === 0 ? undefined : Math.max(...a);
    },
  },
  min: {
    arity: [1],
    fn: (v) => {
      const a = numbers(v, "min");
      return a === undefined || a.length === 0 ? undefined : Math.min(...a);
    },
  },
};

/** Higher-order built-ins receive the compiled lambda; each call binds (value, index, array). */
export type TLambda = (args: unknown[]) => unknown;

export const HIGHER_ORDER: Record<string, (arr: unknown, fn: TLambda) => unknown> = {
  map: (arr, fn) => {
    if (arr === undefined) return undefined;
    const list = Array.isArray(arr) ? arr : seq(arr);
    const out = seq();
    list.forEach((v, i) => {
      const r = fn([v, i, list]);
      if (r !== undefined) out.push(r);
    });
    return out;
  },
  filter: (arr, fn) => {
    if (arr === undefined) return undefined;
    const list = Array.isArray(arr) ? arr : seq(arr);
    const out = seq();
    list.forEach((v, i) => {
      if (toBoolean(fn([v, i, list]))) out.push(v);
    });
    return out;
  },
};

/** Names stock jsonata binds as functions; a compiled `$name` that is one of these is not a plain variable. */
export const STOCK_FUNCTION_NAMES = new Set(
  (
    "sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad match contains replace split join " +
    "formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt power random boolean not map zip filter single reduce sift " +
    "keys lookup append exists spread merge reverse each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent " +
    "encodeUrl decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis"
  ).split(" "),
);
