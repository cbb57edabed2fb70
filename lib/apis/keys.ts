import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * API keys look like `sb_<env>_<prefix8><secret32>` (base62). The environment and the first eight
 * random characters form the prefix shown in lists and logs; only sha256 of the whole key is stored.
 */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY = /^sb_([a-z0-9_-]{1,30})_([0-9A-Za-z]{40})$/;

function base62(n: number): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  let out = "";
  while (out.length < n) {
    for (const b of randomBytes(n * 2)) {
      if (b < 248 && out.length < n) out += ALPHABET[b % 62];
    }
  }
  return out;
}

export type TNewApiKey = { secret: string; prefix: string; hash: string };

export function generateApiKey(envKey: string): TNewApiKey {
  const secret = `sb_${envKey}_${base62(40)}`;
  return { secret, prefix: apiKeyPrefix(secret)!, hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The shown part (`sb_prod_AbCd1234`), or null when the text is not shaped like a key. */
export function apiKeyPrefix(secret: string): string | null {
  const m = KEY.exec(secret);
  return m ? `sb_${m[1]}_${m[2].slice(0, 8)}` : null;
}

/** The environment key a key was issued for, or null when the text is not shaped like a key. */
export function apiKeyEnvironment(secret: string): string | null {
  return KEY.exec(secret)?.[1] ?? null;
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
