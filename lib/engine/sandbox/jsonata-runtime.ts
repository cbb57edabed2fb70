// Helpers that reproduce stock JSONata 2.2 value semantics (sequences, singleton unwrapping, lookup,
// truthiness, $string) for compiled expressions. Anything outside the common cases throws
// NotCompilable so the caller re-runs the expression on stock jsonata and gets its exact result/error.

export class NotCompilable extends Error {
  constructor(reason: string) {
    super(`not handled by the compiled fast path: ${reason}`);
    this.name = "NotCompilable";
  }
}

export type Seq = unknown[] & { sequence: true; keepSingleton?: boolean; cons?: boolean };

export function seq(...items: unknown[]): Seq {
  const s = items as Seq;
  s.sequence = true;
  return s;
}

export const isSeq = (v: unknown): v is Seq => Array.isArray(v) && (v as Seq).sequence === true;

/** What jsonata's evaluate() does to every result: empty sequence → undefined, singleton → its item. */
export function norm(v: unknown): unknown {
  if (!isSeq(v)) return v;
  if (v.length === 0) return undefined;
  if (v.length === 1) return v.keepSingleton ? v : v[0];
  return v;
}

export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = seq();
    for (const item of input) {
      const res = lookup(item, key);
      if (res === undefined) continue;
      if (Array.isArray(res)) for (const v of res) result.push(v);
      else result.push(res);
    }
    return result;
  }
  if (input !== null && typeof input === "object" && Object.prototype.hasOwnProperty.call(input, key)) {
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}

export function append(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const left = Array.isArray(a) ? a : seq(a);
  const right = Array.isArray(b) ? b : [b];
  return left.concat(right);
}

function isNumeric(n: unknown): n is number {
  if (typeof n !== "number" || Number.isNaN(n)) return false;
  if (!Number.isFinite(n)) throw new NotCompilable("non-finite number");
  return true;
}

export function toBoolean(arg: unknown): boolean | undefined {
  if (arg === undefined) return undefined;
  if (Array.isArray(arg)) {
    if (arg.length === 1) return toBoolean(arg[0]);
    return arg.length > 1 && arg.some((v) => toBoolean(v));
  }
  if (typeof arg === "string") return arg.length > 0;
  if (isNumeric(arg)) return arg !== 0;
  if (typeof arg === "function") return false;
  if (arg !== null && typeof arg === "object") return Object.keys(arg).length > 0;
  return arg === true;
}

export const boolize = (v: unknown): boolean => toBoolean(v) ?? false;

export function toStr(arg: unknown): string | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === "string") return arg;
  if (typeof arg === "function") throw new NotCompilable("function value");
  if (typeof arg === "number" && !Number.isFinite(arg)) throw new NotCompilable("non-finite number");
  return JSON.stringify(arg, (_k, val: unknown) => {
    if (val !== undefined && val !== null && isNumeric(val))
      return !Number.isInteger(val) ? Number(val.toPrecision(15)) : val;
    return val;
  });
}

export function arith(op: string, l: unknown, r: unknown): number | undefined {
  if ((l !== undefined && !isNumeric(l)) || (r !== undefined && !isNumeric(r)))
    throw new NotCompilable(`operand of ${op} is not a number`);
  if (l === undefined || r === undefined) return undefined;
  const a = l as number;
  const b = r as number;
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    default:
      return a % b;
  }
}

const isPrimitive = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

export function equals(op: string, l: unknown, r: unknown): boolean {
  if (l === undefined || r === undefined) return false;
  if (!isPrimitive(l) || !isPrimitive(r)) throw new NotCompilable("deep equality");
  return op === "=" ? l === r : l !== r;
}

export function compare(op: string, l: unknown, r: unknown): boolean | undefined {
  const ok = (v: unknown) => v === undefined || typeof v === "string" || typeof v === "number";
  if (!ok(l) || !ok(r)) throw new NotCompilable("comparison of non-comparable values");
  if (l === undefined || r === undefined) return undefined;
  if (typeof l !== typeof r) throw new NotCompilable("comparison of different types");
  const a = l as number;
  const b = r as number;
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    default:
      return a >= b;
  }
}
