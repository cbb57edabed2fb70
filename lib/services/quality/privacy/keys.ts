import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newKeyMaterial, unwrapKey, wrapKey } from "@/lib/quality/privacy/kek";
import { hashSaltFor, type TMaskKeys } from "@/lib/quality/privacy/policy";
import { tokenKeyVersion, TokenizeError, Tokenizer } from "@/lib/quality/privacy/tokenize";
import { appendAudit } from "../../audit";
import { portalKek } from "./kek";
import { ZDetokenize, ZRotateKey } from "./schema";
import { notifyMaskingChanged } from "./notify";

export type TTokenKeyRow = {
  id: string;
  version: number;
  status: "active" | "retired";
  kekFingerprint: string;
  createdBy: string;
  createdAt: string;
  retiredAt: string | null;
};

export async function listTokenKeys(actor: Actor): Promise<TTokenKeyRow[]> {
  assertCan(actor, "quality:read");
  const rows = await db().tokenKey.findMany({ orderBy: { version: "desc" } });
  return rows.map((k) => ({
    id: k.id,
    version: k.version,
    status: k.status,
    kekFingerprint: k.kekFingerprint,
    createdBy: k.createdBy,
    createdAt: k.createdAt.toISOString(),
    retiredAt: k.retiredAt?.toISOString() ?? null,
  }));
}

async function createKeyTx(tx: Tx, actor: Actor): Promise<{ id: string; version: number; previous: number | null }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard.token-keys'))`;
  const last = await tx.tokenKey.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
  const version = (last?.version ?? 0) + 1;
  const kek = portalKek();
  const retired = await tx.tokenKey.updateMany({
    where: { status: "active" },
    data: { status: "retired", retiredAt: new Date() },
  });
  const key = await tx.tokenKey.create({
    data: {
      version,
      wrappedKey: wrapKey(newKeyMaterial(), kek, version),
      kekFingerprint: kek.fingerprint,
      createdBy: actor.email,
    },
  });
  await appendAudit(tx, {
    actor,
    action: "quality.token-key.rotate",
    entityType: "TokenKey",
    entityId: key.id,
    before: retired.count && last ? { activeVersion: last.version } : null,
    after: { activeVersion: version, kekFingerprint: kek.fingerprint },
  });
  await notifyMaskingChanged(tx);
  return { id: key.id, version, previous: last?.version ?? null };
}

/** A new active key version; older versions still detokenize the tokens they made. */
export async function rotateTokenKey(actor: Actor, raw: unknown) {
  assertCan(actor, "quality:manage");
  ZRotateKey.parse(raw);
  return transaction((tx) => createKeyTx(tx, actor));
}

/** The active key, created (version 1) when there is none yet. */
export async function ensureActiveTokenKey(actor: Actor): Promise<number> {
  const active = await db().tokenKey.findFirst({ where: { status: "active" }, select: { version: true } });
  if (active) return active.version;
  return (await transaction((tx) => createKeyTx(tx, actor))).version;
}

async function tokenizerFor(version: number): Promise<Tokenizer> {
  const row = await db().tokenKey.findUnique({ where: { version } });
  if (!row) throw new AppError("NOT_FOUND", `There is no token key version ${version}.`);
  return new Tokenizer({ version, material: unwrapKey(row.wrappedKey, portalKek(), version) });
}

/** The keys the portal masks views with (null when no key exists yet: hashing/tokenizing then redact). */
export async function portalMaskKeys(): Promise<TMaskKeys | null> {
  const row = await db().tokenKey.findFirst({ where: { status: "active" } });
  if (!row) return null;
  const material = unwrapKey(row.wrappedKey, portalKek(), row.version);
  return { tokenizer: new Tokenizer({ version: row.version, material }), salt: hashSaltFor(material) };
}

/**
 * The clear value of a token, for users with quality:detokenize only. Every attempt that gets this far is
 * audited with the key version and the reason (never the value or the whole token).
 */
export async function detokenize(actor: Actor, raw: unknown): Promise<{ value: string; version: number }> {
  assertCan(actor, "quality:detokenize");
  const input = ZDetokenize.parse(raw);
  const version = tokenKeyVersion(input.token);
  if (version === null)
    throw new AppError("VALIDATION", "That is not a token (tokens start with tk<version>_).", {
      fieldErrors: { token: ["Paste a whole token, e.g. tk1_4929-…"] },
    });
  let value: string;
  try {
    value = (await tokenizerFor(version)).detokenize(input.token, input.tweak);
  } catch (e) {
    if (e instanceof TokenizeError)
      throw new AppError("VALIDATION", e.message, { fieldErrors: { token: [e.message] } });
    throw e;
  }
  await transaction((tx) =>
    appendAudit(tx, {
      actor,
      action: "quality.detokenize",
      entityType: "TokenKey",
      entityId: String(version),
      after: { keyVersion: version, tokenPrefix: input.token.slice(0, 8), reason: input.reason },
    }),
  );
  return { value, version };
}
