import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// Tokenization keys are held apart from the data: each key version's AES key is stored only wrapped
// (AES-256-GCM) under a key-encryption key (KEK) that lives in the environment, never in the database.

export type TKek = { key: Buffer; fingerprint: string; isDerived: boolean };

export const KEK_VARIABLE = "SWITCHBOARD_TOKEN_KEK";

const fingerprintOf = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 16);

/**
 * The KEK from SWITCHBOARD_TOKEN_KEK (32 bytes as base64 or 64 hex digits). Outside production, when it
 * is unset, a stable one is derived from AUTH_SECRET (the caller logs a warning naming the variable).
 */
export function resolveKek(input: { kek?: string; authSecret?: string; isProduction: boolean }): TKek {
  if (input.kek) {
    const raw = /^[0-9a-f]{64}$/i.test(input.kek) ? Buffer.from(input.kek, "hex") : Buffer.from(input.kek, "base64");
    if (raw.length !== 32)
      throw new Error(`${KEK_VARIABLE} must be 32 bytes, as base64 or 64 hex digits (e.g. openssl rand -base64 32).`);
    return { key: raw, fingerprint: fingerprintOf(raw), isDerived: false };
  }
  if (input.isProduction || !input.authSecret)
    throw new Error(`${KEK_VARIABLE} is not set; tokenization and salted hashing need it (openssl rand -base64 32).`);
  const key = Buffer.from(hkdfSync("sha256", input.authSecret, "switchboard", "switchboard.token-kek.v1", 32));
  return { key, fingerprint: fingerprintOf(key), isDerived: true };
}

const aad = (version: number) => Buffer.from(`switchboard.token-key.v${version}`);

export function newKeyMaterial(): Buffer {
  return randomBytes(32);
}

/** base64(iv | tag | ciphertext); bound to its version, so a wrapped key cannot be moved to another. */
export function wrapKey(material: Buffer, kek: TKek, version: number): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", kek.key, iv);
  c.setAAD(aad(version));
  const ct = Buffer.concat([c.update(material), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]).toString("base64");
}

export function unwrapKey(wrapped: string, kek: TKek, version: number): Buffer {
  const raw = Buffer.from(wrapped, "base64");
  const d = createDecipheriv("aes-256-gcm", kek.key, raw.subarray(0, 12));
  d.setAAD(aad(version));
  d.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
  } catch {
    throw new Error(`Token key version ${version} does not open with this ${KEK_VARIABLE} (was it changed?).`);
  }
}
