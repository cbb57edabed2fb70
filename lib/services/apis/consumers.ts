import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { can } from "@/lib/auth/permissions";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  ZApiIdInput,
  ZConsumerInput,
  ZSaveConsumerInput,
  ZSetConsumerDisabledInput,
  describePlanLimits,
  keyStatus,
  type TConsumerInput,
} from "@/lib/validation/api-consumers";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../audit";
import { notifyApiGateway } from "./notify";

export type ApiConsumerRow = {
  id: string;
  key: string;
  name: string;
  contactEmail: string;
  system: { id: string; name: string } | null;
  plan: { id: string; key: string; name: string };
  activeKeyCount: number;
  isDisabled: boolean;
  updatedAt: string;
};

export type ApiKeyRow = {
  id: string;
  prefix: string;
  environment: string;
  label: string;
  scopes: { apiVersionId: string; label: string }[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  status: "active" | "expired" | "revoked";
};

export type ApiConsumerDetail = ApiConsumerRow & {
  latencyToleranceMs: number | null;
  jwtSubjects: string[];
  planAllows: string;
  /** Only for holders of api:keys; null for everyone else. */
  callbackSecret: string | null;
  createdAt: string;
  createdBy: string;
  disabledAt: string | null;
  keys: ApiKeyRow[];
};

/**
 * Standard Webhooks' secret format: "whsec_" and base64 of 32 random bytes (the HMAC-SHA256 key is the
 * decoded bytes), so a consumer can verify our callbacks with any Standard Webhooks library.
 */
export function generateCallbackSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const rowSelect = {
  id: true,
  key: true,
  name: true,
  contactEmail: true,
  systemId: true,
  planId: true,
  latencyToleranceMs: true,
  jwtSubjects: true,
  disabledAt: true,
  updatedAt: true,
  system: { select: { id: true, name: true } },
  plan: { select: { id: true, key: true, name: true } },
} satisfies Prisma.ApiConsumerSelect;
type ConsumerRecord = Prisma.ApiConsumerGetPayload<{ select: typeof rowSelect }>;

const FIELDS = ["key", "name", "contactEmail", "systemId", "planId", "latencyToleranceMs", "jwtSubjects"] as const;
function snapshot(c: Pick<ConsumerRecord, (typeof FIELDS)[number]>): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, c[f]]));
}
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function toRow(c: ConsumerRecord, activeKeyCount: number): ApiConsumerRow {
  return {
    id: c.id,
    key: c.key,
    name: c.name,
    contactEmail: c.contactEmail,
    system: c.system,
    plan: c.plan,
    activeKeyCount,
    isDisabled: c.disabledAt !== null,
    updatedAt: c.updatedAt.toISOString(),
  };
}

const SORTABLE = ["name", "key", "updatedAt"] as const;

function consumerWhere(query: Pick<TListQuery, "q" | "filters">): Prisma.ApiConsumerWhereInput {
  const and: Prisma.ApiConsumerWhereInput[] = [];
  if (query.q) {
    and.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { key: { contains: query.q, mode: "insensitive" } },
        { contactEmail: { contains: query.q, mode: "insensitive" } },
        { system: { name: { contains: query.q, mode: "insensitive" } } },
      ],
    });
  }
  if (query.filters.plan) and.push({ planId: query.filters.plan });
  if (query.filters.system) and.push({ systemId: query.filters.system });
  if (query.filters.status === "enabled") and.push({ disabledAt: null });
  if (query.filters.status === "disabled") and.push({ disabledAt: { not: null } });
  return { AND: and };
}

async function activeKeyCounts(consumerIds: string[], now = new Date()): Promise<Map<string, number>> {
  if (consumerIds.length === 0) return new Map();
  const groups = await db().apiKey.groupBy({
    by: ["consumerId"],
    where: {
      consumerId: { in: consumerIds },
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.consumerId, g._count._all]));
}

export async function listApiConsumers(actor: Actor, query: TListQuery): Promise<ListResult<ApiConsumerRow>> {
  assertCan(actor, "api:read");
  const where = consumerWhere(query);
  const sort = pickSort(query, SORTABLE, "name");
  const [rows, total] = await Promise.all([
    db().apiConsumer.findMany({
      where,
      select: rowSelect,
      orderBy: [{ [sort.field]: sort.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().apiConsumer.count({ where }),
  ]);
  const counts = await activeKeyCounts(rows.map((r) => r.id));
  return {
    rows: rows.map((r) => toRow(r, counts.get(r.id) ?? 0)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** "<product name> v<major>", the way a version is named in pickers and key scopes. */
export function apiVersionLabel(v: { major: number; product: { name: string } }): string {
  return `${v.product.name} v${v.major}`;
}

export async function getApiConsumerOrThrow(actor: Actor, id: string, now = new Date()): Promise<ApiConsumerDetail> {
  assertCan(actor, "api:read");
  const c = await db().apiConsumer.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      callbackSecret: true,
      createdAt: true,
      createdBy: true,
      plan: {
        select: {
          id: true,
          key: true,
          name: true,
          ratePerSecond: true,
          burst: true,
          perMinute: true,
          perDay: true,
          perMonth: true,
        },
      },
      keys: {
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        select: {
          id: true,
          prefix: true,
          label: true,
          createdAt: true,
          createdBy: true,
          lastUsedAt: true,
          expiresAt: true,
          revokedAt: true,
          revokedBy: true,
          environment: { select: { key: true } },
          scopes: {
            select: {
              apiVersionId: true,
              apiVersion: { select: { major: true, product: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  if (!c) throw new AppError("NOT_FOUND", "That consumer does not exist (it may have been deleted).");
  const who = await userEmails([c.createdBy, ...c.keys.flatMap((k) => [k.createdBy, k.revokedBy ?? ""])]);
  const keys: ApiKeyRow[] = c.keys.map((k) => ({
    id: k.id,
    prefix: k.prefix,
    environment: k.environment.key,
    label: k.label,
    scopes: k.scopes
      .map((s) => ({ apiVersionId: s.apiVersionId, label: apiVersionLabel(s.apiVersion) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    createdAt: k.createdAt.toISOString(),
    createdBy: who(k.createdBy),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    revokedBy: k.revokedBy ? who(k.revokedBy) : null,
    status: keyStatus(k, now),
  }));
  return {
    ...toRow({ ...c, plan: { id: c.plan.id, key: c.plan.key, name: c.plan.name } }, 0),
    activeKeyCount: keys.filter((k) => k.status === "active").length,
    latencyToleranceMs: c.latencyToleranceMs,
    jwtSubjects: c.jwtSubjects,
    planAllows: describePlanLimits(c.plan),
    callbackSecret: can(actor.role, "api:keys") ? c.callbackSecret : null,
    createdAt: c.createdAt.toISOString(),
    createdBy: who(c.createdBy),
    disabledAt: c.disabledAt?.toISOString() ?? null,
    keys,
  };
}

/**
 * createdBy/revokedBy hold the acting user's id (or a system actor's name): people read emails. A value
 * that is no user's id (a system actor, a deleted user) shows as stored.
 */
async function userEmails(ids: string[]): Promise<(id: string) => string> {
  const wanted = [...new Set(ids.filter(Boolean))];
  const users = wanted.length
    ? await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } })
    : [];
  const byId = new Map(users.map((u) => [u.id, u.email]));
  return (id) => byId.get(id) ?? id;
}

/** Plans and systems for the consumer form and the list's filters. */
export async function apiConsumerFormOptions(
  actor: Actor,
): Promise<{ plans: { id: string; name: string; allows: string }[]; systems: { id: string; name: string }[] }> {
  assertCan(actor, "api:read");
  const [plans, systems] = await Promise.all([
    db().apiPlan.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, ratePerSecond: true, burst: true, perMinute: true, perDay: true, perMonth: true },
    }),
    db().system.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { plans: plans.map((p) => ({ id: p.id, name: p.name, allows: describePlanLimits(p) })), systems };
}

async function checkReferences(tx: Tx, input: TConsumerInput): Promise<void> {
  const [plan, system] = await Promise.all([
    tx.apiPlan.findUnique({ where: { id: input.planId }, select: { id: true } }),
    input.systemId ? tx.system.findUnique({ where: { id: input.systemId }, select: { id: true } }) : null,
  ]);
  if (!plan) {
    throw new AppError("VALIDATION", "The plan no longer exists.", {
      fieldErrors: { planId: ["That plan no longer exists; choose another."] },
    });
  }
  if (input.systemId && !system) {
    throw new AppError("VALIDATION", "The system no longer exists.", {
      fieldErrors: { systemId: ["That system no longer exists; choose another or none."] },
    });
  }
}

/** A JWT subject identifies one consumer: the gateway could not tell two apart. */
async function checkSubjects(tx: Tx, subjects: string[], exceptId?: string): Promise<void> {
  if (subjects.length === 0) return;
  const clash = await tx.apiConsumer.findFirst({
    where: { jwtSubjects: { hasSome: subjects }, NOT: exceptId ? { id: exceptId } : undefined },
    select: { name: true, jwtSubjects: true },
  });
  if (clash) {
    const shared = subjects.filter((s) => clash.jwtSubjects.includes(s));
    throw new AppError("CONFLICT", `JWT subject ${shared.join(", ")} already belongs to ${clash.name}.`, {
      fieldErrors: { jwtSubjects: [`${shared.join(", ")} already identifies ${clash.name}.`] },
    });
  }
}

export async function createApiConsumer(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "api:keys");
  const input = ZConsumerInput.parse(raw);
  try {
    return await transaction(async (tx) => {
      await checkReferences(tx, input);
      await checkSubjects(tx, input.jwtSubjects);
      const created = await tx.apiConsumer.create({
        data: { ...input, callbackSecret: generateCallbackSecret(), createdBy: actor.id ?? actor.email },
        select: rowSelect,
      });
      // The callback secret stays out of the trail, like every secret.
      await appendAudit(tx, {
        actor,
        action: "api.consumer.create",
        entityType: "ApiConsumer",
        entityId: created.id,
        after: snapshot(created),
      });
      await notifyApiGateway(tx);
      return { id: created.id };
    });
  } catch (error) {
    mapPrismaError(error, "consumer");
  }
}

export async function updateApiConsumer(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "api:keys");
  const { id, ...input } = ZSaveConsumerInput.parse(raw);
  if (!id) throw new AppError("BAD_REQUEST", "Say which consumer to change.");
  try {
    return await transaction(async (tx) => {
      const before = await tx.apiConsumer.findUnique({ where: { id }, select: rowSelect });
      if (!before) throw new AppError("NOT_FOUND", "That consumer no longer exists.");
      if (FIELDS.every((f) => sameValue(before[f], input[f]))) return { id };
      await checkReferences(tx, input);
      await checkSubjects(tx, input.jwtSubjects, id);
      const after = await tx.apiConsumer.update({ where: { id }, data: input, select: rowSelect });
      await appendAudit(tx, {
        actor,
        action: "api.consumer.update",
        entityType: "ApiConsumer",
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      await notifyApiGateway(tx);
      return { id };
    });
  } catch (error) {
    mapPrismaError(error, "consumer");
  }
}

/** A disabled consumer's keys and JWT subjects stop working at once; enabling restores them. */
export async function setApiConsumerDisabled(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "api:keys");
  const { id, disabled } = ZSetConsumerDisabledInput.parse(raw);
  await transaction(async (tx) => {
    const before = await tx.apiConsumer.findUnique({ where: { id }, select: { disabledAt: true } });
    if (!before) throw new AppError("NOT_FOUND", "That consumer no longer exists.");
    if ((before.disabledAt !== null) === disabled) return;
    const disabledAt = disabled ? new Date() : null;
    await tx.apiConsumer.update({ where: { id }, data: { disabledAt } });
    await appendAudit(tx, {
      actor,
      action: disabled ? "api.consumer.disable" : "api.consumer.enable",
      entityType: "ApiConsumer",
      entityId: id,
      before: { disabledAt: before.disabledAt?.toISOString() ?? null },
      after: { disabledAt: disabledAt?.toISOString() ?? null },
    });
    await notifyApiGateway(tx);
  });
}

/** A new callback secret; callbacks are signed with it from the next one on. Returns it for the page. */
export async function rotateApiConsumerCallbackSecret(actor: Actor, raw: unknown): Promise<{ callbackSecret: string }> {
  assertCan(actor, "api:keys");
  const { id } = ZApiIdInput.parse(raw);
  const callbackSecret = generateCallbackSecret();
  await transaction(async (tx) => {
    const found = await tx.apiConsumer.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw new AppError("NOT_FOUND", "That consumer no longer exists.");
    await tx.apiConsumer.update({ where: { id }, data: { callbackSecret } });
    await appendAudit(tx, {
      actor,
      action: "api.consumer.rotate-callback-secret",
      entityType: "ApiConsumer",
      entityId: id,
      after: { callbackSecretRotatedAt: new Date().toISOString() },
    });
    await notifyApiGateway(tx);
  });
  return { callbackSecret };
}
