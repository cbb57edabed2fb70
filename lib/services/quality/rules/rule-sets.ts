import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZCreateRuleSet, ZUpdateRuleSet } from "@/lib/quality/rules/inputs";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../../audit";

export type TRuleSetRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  ownerName: string;
  flowName: string | null;
  latestVersion: number | null;
  isArchived: boolean;
  /** Environment key → version number enforced there. */
  deployed: Record<string, number>;
  updatedAt: string;
};

export type TOption = { value: string; label: string };
export type TRuleSetFormOptions = { owners: TOption[]; flows: TOption[]; interfaces: TOption[]; domains: TOption[] };

async function assertReferences(
  tx: Tx,
  input: { ownerId: string; dataDomainId: string | null; flowId: string | null; interfaceId: string | null },
) {
  const [owner, domain, flow, itf] = await Promise.all([
    tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true, isActive: true } }),
    input.dataDomainId ? tx.dataDomain.findUnique({ where: { id: input.dataDomainId }, select: { id: true } }) : true,
    input.flowId ? tx.flow.findUnique({ where: { id: input.flowId }, select: { id: true } }) : true,
    input.interfaceId ? tx.interface.findUnique({ where: { id: input.interfaceId }, select: { id: true } }) : true,
  ]);
  const missing = (field: string, what: string) =>
    new AppError("NOT_FOUND", `That ${what} does not exist.`, { fieldErrors: { [field]: [`Choose a ${what}.`] } });
  if (!owner?.isActive) throw missing("ownerId", "data owner");
  if (!domain) throw missing("dataDomainId", "data domain");
  if (!flow) throw missing("flowId", "flow");
  if (!itf) throw missing("interfaceId", "interface");
}

export async function createRuleSet(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  assertCan(actor, "quality:rules");
  const input = ZCreateRuleSet.parse(raw);
  try {
    return await transaction(async (tx) => {
      await assertReferences(tx, input);
      if (await tx.qualityRuleSet.findUnique({ where: { key: input.key }, select: { id: true } }))
        throw new AppError("CONFLICT", `A rule set with the key "${input.key}" exists already.`, {
          fieldErrors: { key: ["This key is taken; choose another."] },
        });
      const created = await tx.qualityRuleSet.create({ data: { ...input, createdBy: actor.email } });
      await appendAudit(tx, {
        actor,
        action: "quality.ruleset.create",
        entityType: "QualityRuleSet",
        entityId: created.id,
        after: { ...input },
      });
      return { id: created.id, key: created.key };
    });
  } catch (error) {
    mapPrismaError(error, "rule set");
  }
}

export async function updateRuleSet(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  assertCan(actor, "quality:rules");
  const { ruleSetId, ...input } = ZUpdateRuleSet.parse(raw);
  return transaction(async (tx) => {
    const before = await tx.qualityRuleSet.findUnique({ where: { id: ruleSetId } });
    if (!before) throw new AppError("NOT_FOUND", "That rule set does not exist.");
    await assertReferences(tx, input);
    const after = await tx.qualityRuleSet.update({ where: { id: ruleSetId }, data: input });
    await appendAudit(tx, {
      actor,
      action: "quality.ruleset.update",
      entityType: "QualityRuleSet",
      entityId: after.id,
      before: {
        name: before.name,
        description: before.description,
        ownerId: before.ownerId,
        dataDomainId: before.dataDomainId,
        flowId: before.flowId,
        interfaceId: before.interfaceId,
      },
      after: input,
    });
    return { id: after.id, key: after.key };
  });
}

const SORTABLE = ["key", "name", "updatedAt"] as const;

/**
 * Rule sets with search (key, name, description), filters (owner: a user id; flow: a flow id; env: an
 * environment key, deployed there; archived: "yes" lists the archived ones instead) and server-side pagination.
 */
export async function listRuleSets(actor: Actor, query: TListQuery): Promise<ListResult<TRuleSetRow>> {
  assertCan(actor, "quality:read");
  const { field, dir } = pickSort(query, SORTABLE, "key");
  const { owner, flow, env, archived } = query.filters;
  const where: Prisma.QualityRuleSetWhereInput = {
    archivedAt: archived === "yes" ? { not: null } : null,
    ...(query.q
      ? {
          OR: [
            { key: { contains: query.q, mode: "insensitive" } },
            { name: { contains: query.q, mode: "insensitive" } },
            { description: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(owner ? { ownerId: owner } : {}),
    ...(flow ? { flowId: flow } : {}),
  };
  if (env) {
    const e = await db().environment.findUnique({ where: { key: env }, select: { id: true } });
    where.deployments = { some: { environmentId: e?.id ?? "-", activeSlot: { not: null } } };
  }
  const [total, rows, envs] = await Promise.all([
    db().qualityRuleSet.count({ where }),
    db().qualityRuleSet.findMany({
      where,
      orderBy: { [field]: dir },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: {
        versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
        deployments: {
          where: { activeSlot: { not: null } },
          select: { environmentId: true, version: { select: { number: true } } },
        },
      },
    }),
    db().environment.findMany({ select: { id: true, key: true } }),
  ]);
  const [users, flows] = await Promise.all([
    db().user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.ownerId))] } },
      select: { id: true, name: true, email: true },
    }),
    db().flow.findMany({
      where: { id: { in: rows.map((r) => r.flowId).filter((x): x is string => !!x) } },
      select: { id: true, name: true },
    }),
  ]);
  const envKey = new Map(envs.map((e) => [e.id, e.key]));
  return {
    rows: rows.map((r) => {
      const u = users.find((x) => x.id === r.ownerId);
      return {
        id: r.id,
        key: r.key,
        name: r.name,
        description: r.description,
        ownerName: u ? u.name || u.email : "",
        flowName: flows.find((f) => f.id === r.flowId)?.name ?? null,
        latestVersion: r.versions[0]?.number ?? null,
        isArchived: r.archivedAt !== null,
        deployed: Object.fromEntries(r.deployments.map((d) => [envKey.get(d.environmentId) ?? "?", d.version.number])),
        updatedAt: r.updatedAt.toISOString(),
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Choices for the rule-set form: active people, flows, interfaces and data domains. */
export async function listRuleSetFormOptions(actor: Actor): Promise<TRuleSetFormOptions> {
  assertCan(actor, "quality:read");
  const [users, flows, interfaces, domains] = await Promise.all([
    db().user.findMany({
      where: { isActive: true },
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true },
    }),
    db().flow.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().interface.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().dataDomain.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    owners: users.map((u) => ({ value: u.id, label: u.name ? `${u.name} (${u.email})` : u.email })),
    flows: flows.map((f) => ({ value: f.id, label: f.name })),
    interfaces: interfaces.map((i) => ({ value: i.id, label: i.name })),
    domains: domains.map((d) => ({ value: d.id, label: d.name })),
  };
}
