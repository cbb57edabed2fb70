import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiItemKey } from "@/lib/apis/document";
import { db, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZApiVersionId, ZDeprecateApiVersion } from "@/lib/validation/apis";
import { appendAudit } from "../audit";
import { notifyUsers, usersWithRoles } from "../notifications";
import { notifyApiGateway } from "./notify";

export type TVersionConsumer = {
  consumerId: string;
  key: string;
  name: string;
  contactEmail: string;
  systemId: string | null;
  systemName: string | null;
  calls: number;
  lastCallAt: string;
  environments: string[];
};

/** How far back a call still counts: a consumer seen within this many days is "still on" a version. */
export const STILL_CALLING_DAYS = 30;

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * The consumers that called a version in the last `sinceDays` days (from the gateway's per-minute
 * analytics), busiest first: who must move before the version can be retired.
 */
export async function versionConsumersTx(
  tx: Tx,
  apiVersionId: string,
  sinceDays = STILL_CALLING_DAYS,
  now = new Date(),
): Promise<TVersionConsumer[]> {
  const since = new Date(now.getTime() - sinceDays * 86_400_000);
  const groups = await tx.apiCallMinute.groupBy({
    by: ["consumerId", "environmentId"],
    where: { apiVersionId, minute: { gte: since }, consumerId: { not: "" } },
    _sum: { calls: true },
    _max: { minute: true },
  });
  if (!groups.length) return [];
  const [consumers, envs] = await Promise.all([
    tx.apiConsumer.findMany({
      where: { id: { in: [...new Set(groups.map((g) => g.consumerId))] } },
      select: {
        id: true,
        key: true,
        name: true,
        contactEmail: true,
        systemId: true,
        system: { select: { name: true } },
      },
    }),
    tx.environment.findMany({ select: { id: true, key: true } }),
  ]);
  const out = new Map<string, TVersionConsumer>();
  for (const g of groups) {
    const c = consumers.find((x) => x.id === g.consumerId);
    if (!c) continue;
    const row = out.get(c.id) ?? {
      consumerId: c.id,
      key: c.key,
      name: c.name,
      contactEmail: c.contactEmail,
      systemId: c.systemId,
      systemName: c.system?.name ?? null,
      calls: 0,
      lastCallAt: new Date(0).toISOString(),
      environments: [],
    };
    row.calls += g._sum.calls ?? 0;
    const last = g._max.minute?.toISOString() ?? row.lastCallAt;
    if (last > row.lastCallAt) row.lastCallAt = last;
    const env = envs.find((e) => e.id === g.environmentId)?.key;
    if (env && !row.environments.includes(env)) row.environments.push(env);
    out.set(c.id, row);
  }
  return [...out.values()].sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
}

export async function listVersionConsumers(
  actor: Actor,
  apiVersionId: string,
  sinceDays = STILL_CALLING_DAYS,
): Promise<TVersionConsumer[]> {
  assertCan(actor, "api:read");
  return versionConsumersTx(db(), apiVersionId, sinceDays);
}

/**
 * Who hears of a deprecation: the product's owner and the owners of the consumers' systems (their
 * catalog entries); when none of them has an account, the integration engineers and admins. Not the actor.
 */
async function deprecationRecipients(
  tx: Tx,
  actor: Actor,
  ownerId: string | null,
  consumers: TVersionConsumer[],
): Promise<string[]> {
  const systemIds = [...new Set(consumers.map((c) => c.systemId).filter(Boolean))] as string[];
  const entries = systemIds.length
    ? await tx.catalogEntry.findMany({
        where: { kind: "system", key: { in: systemIds }, ownerId: { not: null } },
        select: { ownerId: true },
      })
    : [];
  const candidates = [...new Set([ownerId, ...entries.map((e) => e.ownerId)].filter(Boolean))] as string[];
  const active = candidates.length
    ? await tx.user.findMany({ where: { id: { in: candidates }, isActive: true }, select: { id: true } })
    : [];
  if (active.length) return active.map((u) => u.id).filter((id) => id !== actor.id);
  return usersWithRoles(tx, ["integration_engineer", "admin"], [actor.id]);
}

async function loadVersion(tx: Tx, apiVersionId: string) {
  const version = await tx.apiVersion.findUnique({
    where: { id: apiVersionId },
    include: { product: { select: { id: true, key: true, name: true, ownerId: true } } },
  });
  if (!version) throw new AppError("NOT_FOUND", "That API version does not exist.");
  return { ...version, key: apiItemKey(version.product.key, version.major) };
}

export type TDeprecated = { key: string; sunsetAt: string; consumers: TVersionConsumer[]; notified: number };

/**
 * Deprecates a published version: from now on every response carries Deprecation, Sunset and Link
 * (successor) headers, and after the sunset the gateway answers 410. The consumers still calling it
 * are listed and their owners told.
 */
export async function deprecateApiVersion(actor: Actor, raw: unknown, now = new Date()): Promise<TDeprecated> {
  assertCan(actor, "api:publish");
  const input = ZDeprecateApiVersion.parse(raw);
  if (input.sunsetAt < startOfUtcDay(now))
    throw new AppError("VALIDATION", "The sunset cannot lie in the past.", {
      fieldErrors: { sunsetAt: ["Choose today or a later date."] },
    });
  return transaction(async (tx) => {
    const version = await loadVersion(tx, input.apiVersionId);
    if (version.lifecycle !== "published")
      throw new AppError(
        "PRECONDITION_FAILED",
        version.lifecycle === "draft"
          ? `${version.key} was never published; there is nothing to deprecate.`
          : `${version.key} is ${version.lifecycle} already.`,
      );
    let successorKey: string | null = null;
    if (input.successorId) {
      const successor = await tx.apiVersion.findUnique({
        where: { id: input.successorId },
        select: { id: true, productId: true, major: true, lifecycle: true },
      });
      if (!successor || successor.productId !== version.productId || successor.id === version.id)
        throw new AppError("VALIDATION", "The successor must be another version of the same API.", {
          fieldErrors: { successorId: ["Choose another version of this API."] },
        });
      if (successor.lifecycle !== "published")
        throw new AppError(
          "VALIDATION",
          `v${successor.major} is ${successor.lifecycle}; the successor must be published.`,
          {
            fieldErrors: { successorId: ["Choose a published version."] },
          },
        );
      successorKey = apiItemKey(version.product.key, successor.major);
    }
    await tx.apiVersion.update({
      where: { id: version.id },
      data: {
        lifecycle: "deprecated",
        deprecatedAt: now,
        sunsetAt: input.sunsetAt,
        successorId: input.successorId,
        deprecationNote: input.note,
      },
    });
    const consumers = await versionConsumersTx(tx, version.id, STILL_CALLING_DAYS, now);
    const recipients = await deprecationRecipients(tx, actor, version.product.ownerId, consumers);
    const sunset = input.sunsetAt.toISOString().slice(0, 10);
    const notified = await notifyUsers(tx, recipients, {
      kind: "api.deprecated",
      title: `${version.product.name} ${`v${version.major}`} is deprecated; sunset ${sunset}`,
      body: `${consumers.length ? `Still calling it: ${consumers.map((c) => c.name).join(", ")}. ` : ""}${successorKey ? `Move to ${successorKey}. ` : ""}${input.note}`.trim(),
      href: `/apis/${version.product.key}/v${version.major}`,
      dedupeKey: `api.deprecated:${version.id}`,
    });
    await appendAudit(tx, {
      actor,
      action: "api.version.deprecate",
      entityType: "ApiVersion",
      entityId: version.id,
      before: { lifecycle: version.lifecycle },
      after: {
        key: version.key,
        lifecycle: "deprecated",
        sunsetAt: input.sunsetAt.toISOString(),
        successor: successorKey,
        note: input.note,
        consumers: consumers.map((c) => c.key),
        notified,
      },
    });
    await notifyApiGateway(tx);
    return { key: version.key, sunsetAt: input.sunsetAt.toISOString(), consumers, notified };
  });
}

/** Retires a deprecated version once its sunset has passed; the gateway keeps answering 410 for it. */
export async function retireApiVersion(actor: Actor, raw: unknown, now = new Date()): Promise<{ key: string }> {
  assertCan(actor, "api:publish");
  const { apiVersionId } = ZApiVersionId.parse(raw);
  return transaction(async (tx) => {
    const version = await loadVersion(tx, apiVersionId);
    if (version.lifecycle !== "deprecated" || !version.sunsetAt)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${version.key} is ${version.lifecycle}; deprecate it with a sunset date before retiring it.`,
      );
    if (version.sunsetAt > now)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${version.key} may be retired after its sunset, ${version.sunsetAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      );
    await tx.apiVersion.update({ where: { id: version.id }, data: { lifecycle: "retired", retiredAt: now } });
    await appendAudit(tx, {
      actor,
      action: "api.version.retire",
      entityType: "ApiVersion",
      entityId: version.id,
      before: { lifecycle: "deprecated" },
      after: { key: version.key, lifecycle: "retired", retiredAt: now.toISOString() },
    });
    await notifyApiGateway(tx);
    return { key: version.key };
  });
}
