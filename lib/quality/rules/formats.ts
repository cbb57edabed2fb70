import isEmailModule from "validator/lib/isEmail";
import isIBANModule from "validator/lib/isIBAN";
import isISO31661Alpha2Module from "validator/lib/isISO31661Alpha2";
import isISO31661Alpha3Module from "validator/lib/isISO31661Alpha3";
import isISO4217Module from "validator/lib/isISO4217";
import isISO8601Module from "validator/lib/isISO8601";
import isURLModule from "validator/lib/isURL";
import isUUIDModule from "validator/lib/isUUID";
import { FORMAT_LABELS, type TRuleFormat } from "./constants";

export { FORMAT_LABELS };

// validator covers the hard parts: IBAN per-country length/pattern plus the mod-97 checksum, the ISO
// code lists, strict ISO 8601 (no 31 February, no 29 February outside leap years). It accepts lower-case
// codes, which the standards do not define, so upper case is checked here first.

/**
 * validator's per-function modules are CommonJS with `exports.default`; some (isIBAN, isISO31661Alpha2,
 * isISO4217) lack the `module.exports = exports.default` line, so under Node's own ESM loader (the engine
 * process run by tsx) their default import is the exports object, not the function. Bundlers and vitest
 * unwrap it; this makes every runtime agree.
 */
function callable<F extends (...args: never[]) => unknown>(m: F): F {
  return typeof m === "function" ? m : (m as unknown as { default: F }).default;
}
const isEmail = callable(isEmailModule);
const isIBAN = callable(isIBANModule);
const isISO31661Alpha2 = callable(isISO31661Alpha2Module);
const isISO31661Alpha3 = callable(isISO31661Alpha3Module);
const isISO4217 = callable(isISO4217Module);
const isISO8601 = callable(isISO8601Module);
const isURL = callable(isURLModule);
const isUUID = callable(isUUIDModule);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const UPPER2 = /^[A-Z]{2}$/;
const UPPER3 = /^[A-Z]{3}$/;
// E.164: a plus, a country code not starting with 0, at most 15 digits in all, no separators.
const E164 = /^\+[1-9]\d{1,14}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

const FORMAT_CHECKS: Record<TRuleFormat, (s: string) => boolean> = {
  email: (s) => isEmail(s),
  date: (s) => DATE.test(s) && isISO8601(s, { strict: true }),
  "date-time": (s) => DATE_TIME.test(s) && isISO8601(s, { strict: true, strictSeparator: true }),
  // Electronic format (no spaces), as systems exchange it.
  iban: (s) => IBAN.test(s) && isIBAN(s),
  "country-alpha2": (s) => UPPER2.test(s) && isISO31661Alpha2(s),
  "country-alpha3": (s) => UPPER3.test(s) && isISO31661Alpha3(s),
  currency: (s) => UPPER3.test(s) && isISO4217(s),
  uuid: (s) => isUUID(s),
  url: (s) => isURL(s, { require_protocol: true, protocols: ["http", "https"], require_tld: false }),
  "phone-e164": (s) => E164.test(s),
};

export function matchesFormat(format: TRuleFormat, value: unknown): boolean {
  return typeof value === "string" && FORMAT_CHECKS[format](value);
}
