/** The format classes a value can fall in; each non-null value has exactly one. */
export const FORMATS = [
  "integer",
  "decimal",
  "boolean",
  "date",
  "date-time",
  "uuid",
  "email",
  "url",
  "phone",
  "iban",
  "digits", // digits with a leading zero or past 15 digits (zip codes, accounts, cards): a string, never a number
  "text",
  "object",
  "array",
] as const;
export type TFormat = (typeof FORMATS)[number];

/** A value's type, as type drift and the column's inferred type see it. */
export type TValueType = "integer" | "decimal" | "boolean" | "date" | "datetime" | "string" | "object" | "array";

export type TClassified = { type: TValueType; format: TFormat; num: number | null; text: string };

/**
 * classifyText fills and returns this one object instead of allocating per value: at ten values a
 * row the garbage collector was a third of the profiler's time. Valid until the next call.
 */
const scratch: TClassified = { type: "string", format: "text", num: null, text: "" };
function out(type: TValueType, format: TFormat, num: number | null, text: string): TClassified {
  scratch.type = type;
  scratch.format = format;
  scratch.num = num;
  scratch.text = text;
  return scratch;
}

const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$|^-?\.\d+$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const URL_RE = /^(https?|ftp):\/\/[^\s/$.?#][^\s]*$/i;
/** A leading + or (, or digit groups split by spaces: plain dashed digits are more often dates or codes. */
const PHONE = /^(?:\+|\()[\d\s().-]{6,20}$|^\d[\d-]* [\d\s().-]{4,20}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
/** Integers past 2^53 lose digits as numbers, so long digit strings (card numbers, ids) stay text. */
const MAX_SAFE_DIGITS = 15;

function ibanChecksumOk(s: string): boolean {
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55; // 0-9, then A=10 … Z=35
    rem = v < 10 ? (rem * 10 + v) % 97 : (rem * 100 + v) % 97;
  }
  return rem === 1;
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Classifies a text value (the result is shared: see scratch) (a CSV field, a JSON string, a SQL text column). Cheapest tests first. */
export function classifyText(s: string): TClassified {
  const c = s.charCodeAt(0);
  const startsNumeric = (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46; // 0-9 - + .
  if (startsNumeric) {
    if (s.length <= MAX_SAFE_DIGITS + 1 && INTEGER.test(s)) return out("integer", "integer", Number(s), s);
    if ((c === 48 || s.length > MAX_SAFE_DIGITS) && s.length > 1 && digitCount(s) === s.length)
      return out("string", "digits", null, s);
    if (s.length <= 32 && DECIMAL.test(s)) return out("decimal", "decimal", Number(s), s);
    if (s.length === 10 && DATE.test(s)) return out("date", "date", null, s);
    if (s.length >= 16 && s.length <= 35 && DATE_TIME.test(s)) return out("datetime", "date-time", null, s);
    if (s.length === 36 && UUID.test(s)) return out("string", "uuid", null, s);
    if (PHONE.test(s) && digitCount(s) >= 7 && digitCount(s) <= 15) return out("string", "phone", null, s);
    if (EMAIL.test(s)) return out("string", "email", null, s);
    return out("string", "text", null, s);
  }
  if (s.length === 4 || s.length === 5) {
    const lower = s.toLowerCase();
    if (lower === "true" || lower === "false") return out("boolean", "boolean", null, s);
  }
  if (s.length === 36 && UUID.test(s)) return out("string", "uuid", null, s);
  if (c === 40 && PHONE.test(s) && digitCount(s) >= 7 && digitCount(s) <= 15) return out("string", "phone", null, s);
  if (s.indexOf("@") > 0 && EMAIL.test(s)) return out("string", "email", null, s);
  if (s.indexOf("://") > 0 && URL_RE.test(s)) return out("string", "url", null, s);
  if (s.length >= 15 && s.length <= 34 && IBAN.test(s) && ibanChecksumOk(s)) return out("string", "iban", null, s);
  return out("string", "text", null, s);
}

/**
 * Classifies a JSON value: numbers and booleans keep their JSON type (so a zip code sent as the
 * string "01234" stays a string), strings go through classifyText for their format.
 */
export function classifyJson(v: unknown): TClassified {
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) ? out("integer", "integer", v, String(v)) : out("decimal", "decimal", v, String(v));
    case "boolean":
      return out("boolean", "boolean", null, String(v));
    case "string": {
      const r = classifyText(v);
      // A JSON string is a string even when it spells a number: only its format says so.
      return r.type === "integer" || r.type === "decimal" || r.type === "boolean"
        ? out("string", r.format, null, v)
        : r;
    }
    default:
      return Array.isArray(v)
        ? out("array", "array", null, JSON.stringify(v))
        : out("object", "object", null, JSON.stringify(v));
  }
}
