import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiKeyEnvironment, apiKeyPrefix, generateApiKey, hashApiKey, type TNewApiKey } from "@/lib/apis/keys";
import { db, transaction } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZIssueKeyInput, ZRevokeKeyInput } from "@/lib/validation/api-consumers";
import { appendAudit } from "../audit";
import { apiVersionLabel } from "./consumers";
import { notifyApiGateway } from "./notify";

export type ApiVersionOption = { id: string; label: string; lifecycle: string };

/**
 * The secret of a new key. It exists only in this return value: the database keeps its sha256 and its
 * prefix, so the portal shows it once and nobody can read it again.
 */
export type IssuedApiKey = { id: string; prefix: string; secret: string; environment: string };

/** The API versions a key may be scoped to, "<product> v<major>", retired ones left out. */
export async function listApiVersionOptions(actor: Actor): Promise<ApiVersionOption[]> {
  assertCan(actor, "api:read");
  const versions = await db().apiVersion.findMany({
    where: { lifecycle: { not: "retired" }, product: { archivedAt: null } },
    select: { id: true, major: true, lifecycle: true, product: { select: { name: true } } },
  });
  return versions
    .map((v) => ({ id: v.id, label: apiVersionLabel(v), lifecycle: v.lifecycle }))
    .sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }));
}

export async function issueApiKey(actor: Actor, raw: unknown, now = new Date()): Promise<IssuedApiKey> {
  return insertApiKey(actor, raw, generateApiKey, now);
}

/**
 * Registers a key whose secret is fixed in advance: only the seed's demo key, printed in the README
 * so the demo can be called without the portal. Never reachable from an action.
 */
export async function registerDemoApiKey(actor: Actor, raw: unknown, secret: string): Promise<IssuedApiKey> {
  const prefix = apiKeyPrefix(secret);
  if (!prefix) throw new AppError("VALIDATION", "A demo key must look like sb_<env>_<40 letters and digits>.");
  return insertApiKey(actor, raw, (envKey) => {
    if (apiKeyEnvironment(secret) !== envKey) {
      throw new AppError("VALIDATION", `The demo key is not a ${envKey} key.`);
    }
    return { secret, prefix, hash: hashApiKey(secret) };
  });
}

async function insertApiKey(
  actor: Actor,
  raw: unknown,
  makeKey: (envKey: string) => TNewApiKey,
  now = new Date(),
): Promise<IssuedApiKey> {
  assertCan(actor, "api:keys");
  const input = ZIssueKeyInput.parse(raw);
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION", "The expiry is in the past.", {
      fieldErrors: { expiresAt: ["Choose a date in the future, or leave it empty for a key that does not expire."] },
    });
  }
  try {
    return await transaction(async (tx) => {
      const consumer = await tx.apiConsumer.findUnique({
        where: { id: input.consumerId },
        select: { id: true, name: true, disabledAt: true },
      });
      if (!consumer) throw new AppError("NOT_FOUND", "That consumer no longer exists.");
      if (consumer.disabledAt) {
        throw new AppError("CONFLICT", `${consumer.name} is disabled. Enable it before issuing keys.`);
      }
      const environment = await tx.environment.findUnique({
        where: { key: input.environment },
        select: { id: true, key: true },
      });
      if (!environment) {
        throw new AppError("VALIDATION", `There is no ${input.environment} environment.`, {
          fieldErrors: { environment: [`There is no ${input.environment} environment.`] },
        });
      }
      const versions = await tx.apiVersion.findMany({
        where: { id: { in: input.apiVersionIds }, lifecycle: { not: "retired" } },
        select: { id: true },
      });
      if (versions.length !== input.apiVersionIds.length) {
        throw new AppError("VALIDATION", "An API version you chose no longer exists or is retired.", {
          fieldErrors: { apiVersionIds: ["One of these versions no longer exists or is retired; choose again."] },
        });
      }
      const { secret, prefix, hash } = makeKey(environment.key);
      const key = await tx.apiKey.create({
        data: {
          consumerId: consumer.id,
          environmentId: environment.id,
          prefix,
          hash,
          label: input.label,
          expiresAt: input.expiresAt,
          createdBy: actor.id ?? actor.email,
          scopes: { create: input.apiVersionIds.map((apiVersionId) => ({ apiVersionId })) },
        },
        select: { id: true },
      });
      // The prefix identifies the key in the trail; the secret and its hash never go there.
      await appendAudit(tx, {
        actor,
        action: "api.key.issue",
        entityType: "ApiKey",
        entityId: key.id,
        after: {
          consumerId: consumer.id,
          prefix,
          environment: environment.key,
          apiVersionIds: input.apiVersionIds,
          label: input.label,
          expiresAt: input.expiresAt?.toISOString() ?? null,
        },
      });
      await notifyApiGateway(tx);
      return { id: key.id, prefix, secret, environment: environment.key };
    });
  } catch (error) {
    mapPrismaError(error, "key");
  }
}

/** Revoked keys stay listed (as revoked) so the trail and analytics still name them. */
export async function revokeApiKey(actor: Actor, raw: unknown, now = new Date()): Promise<{ consumerId: string }> {
  assertCan(actor, "api:keys");
  const { id } = ZRevokeKeyInput.parse(raw);
  return transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({
      where: { id },
      select: { id: true, prefix: true, consumerId: true, revokedAt: true },
    });
    if (!key) throw new AppError("NOT_FOUND", "That key no longer exists.");
    if (key.revokedAt) throw new AppError("CONFLICT", `Key ${key.prefix}… was already revoked.`);
    // Conditional on still being active, so two revokes racing record one revocation.
    const { count } = await tx.apiKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now, revokedBy: actor.id ?? actor.email },
    });
    if (count === 0) throw new AppError("CONFLICT", `Key ${key.prefix}… was already revoked.`);
    await appendAudit(tx, {
      actor,
      action: "api.key.revoke",
      entityType: "ApiKey",
      entityId: id,
      before: { prefix: key.prefix, revokedAt: null },
      after: { prefix: key.prefix, revokedAt: now.toISOString() },
    });
    await notifyApiGateway(tx);
    return { consumerId: key.consumerId };
  });
}
