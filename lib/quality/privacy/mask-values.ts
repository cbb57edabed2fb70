import { createHmac } from "node:crypto";

// The masking methods on single values. Each takes the value as text; separators and length are kept
// where the method promises a format, so a masked payload still passes the target's format checks.

const ALNUM = /[\p{L}\p{N}]/u;

export const REDACTED = "[redacted]";

export function redact(_value: string, replacement = REDACTED): string {
  return replacement;
}

/**
 * Masks letters and digits with `maskChar`, keeping the first `keepFirst` and last `keepLast` of them and
 * every separator: "4111-1111-1111-1234" with keepLast 4 → "****-****-****-1234".
 */
export function partialMask(value: string, opts: { keepFirst?: number; keepLast?: number; maskChar?: string } = {}) {
  const chars = [...value];
  const total = chars.filter((c) => ALNUM.test(c)).length;
  const first = opts.keepFirst ?? 0;
  const last = opts.keepLast ?? 0;
  const mask = opts.maskChar ?? "*";
  // Keeping everything would show the value in clear: then mask all but what the smaller side allows.
  const keepFirst = first + last >= total ? Math.min(first, Math.floor(total / 2)) : first;
  const keepLast = first + last >= total ? Math.min(last, Math.floor(total / 2) - keepFirst) : last;
  let seen = 0;
  return chars
    .map((c) => {
      if (!ALNUM.test(c)) return c;
      const i = seen++;
      return i < keepFirst || i >= total - Math.max(0, keepLast) ? c : mask;
    })
    .join("");
}

/**
 * HMAC-SHA256 under a secret salt, as hex (`length` characters, at most 64). Unlike a plain hash, it
 * cannot be reversed by hashing candidate values without the salt; equal values still hash equal.
 */
export function saltedHash(value: string, salt: Buffer, length = 64): string {
  if (salt.length < 16) throw new Error("The hash salt must be at least 16 bytes.");
  return createHmac("sha256", salt)
    .update(value, "utf8")
    .digest("hex")
    .slice(0, Math.max(8, Math.min(64, length)));
}
