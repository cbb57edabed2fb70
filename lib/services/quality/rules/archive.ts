import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRuleSetRef } from "@/lib/quality/rules/inputs";
import { appendAudit } from "../../audit";
import { isProductionEnvironment } from "../../promotion";

export type TRuleSetArchived = { id: string; key: string; archivedAt: string | null };

/** The rule set, its row locked: archive and deploy take this lock, so neither slips past the other's check. */
export async function lockRuleSetTx(tx: Tx, ruleSetId: string) {
  const rows = await tx.$queryRaw<{ id: string; key: string; archivedAt: Date | null }[]>`
    SELECT "id", "key", "archivedAt" FROM "QualityRuleSet" WHERE "id" = ${ruleSetId} FOR UPDATE`;
  const r = rows[0];
  if (!r) throw new AppError("NOT_FOUND", "That rule set does not exist.");
  return r;
}

const joinNames = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/**
 * Archives a rule set: it leaves the default list, takes no new versions and can no longer be deployed;
 * its versions, deployment history and quarantined records stay. Refused while any environment still
 * enforces it, naming each one and how to remove it there (undeploy in development and test; in
 * production only through an approved change).
 */
export async function archiveRuleSet(actor: Actor, raw: unknown): Promise<TRuleSetArchived> {
  assertCan(actor, "quality:rules");
  const { ruleSetId } = ZRuleSetRef.parse(raw);
  return transaction(async (tx) => {
    const r = await lockRuleSetTx(tx, ruleSetId);
    if (r.archivedAt) throw new AppError("CONFLICT", `${r.key} is archived already.`);
    const active = await tx.qualityRuleSetDeployment.findMany({
      where: { ruleSetId, activeSlot: { not: null } },
      select: { environmentId: true, version: { select: { number: true } } },
    });
    if (active.length) {
      const envRows = await tx.environment.findMany({
        where: { id: { in: active.map((d) => d.environmentId) } },
        select: { id: true, name: true, key: true, isProduction: true, sortOrder: true },
      });
      const envs = active
        .flatMap((d) => {
          const environment = envRows.find((e) => e.id === d.environmentId);
          return environment ? [{ ...d, environment }] : [];
        })
        .sort((a, b) => a.environment.sortOrder - b.environment.sortOrder);
      const where = joinNames(envs.map((d) => `${d.environment.name} (v${d.version.number})`));
      const prod = envs.filter((d) => isProductionEnvironment(d.environment)).map((d) => d.environment.name);
      const portal = envs.filter((d) => !isProductionEnvironment(d.environment)).map((d) => d.environment.name);
      const steps = [
        portal.length && `undeploy it from ${joinNames(portal)} first`,
        prod.length &&
          `${joinNames(prod)} changes only through an approved change, and removing a rule set there is not offered yet`,
      ].filter(Boolean);
      throw new AppError("PRECONDITION_FAILED", `${r.key} is still enforced in ${where}: ${steps.join("; ")}.`);
    }
    const archivedAt = new Date();
    await tx.qualityRuleSet.update({ where: { id: ruleSetId }, data: { archivedAt } });
    await appendAudit(tx, {
      actor,
      action: "quality.ruleset.archive",
      entityType: "QualityRuleSet",
      entityId: ruleSetId,
      before: { key: r.key, archivedAt: null },
      after: { key: r.key, archivedAt: archivedAt.toISOString() },
    });
    return { id: ruleSetId, key: r.key, archivedAt: archivedAt.toISOString() };
  });
}

/** Brings an archived rule set back: it lists, takes versions and deploys again (nothing is deployed by this). */
export async function restoreRuleSet(actor: Actor, raw: unknown): Promise<TRuleSetArchived> {
  assertCan(actor, "quality:rules");
  const { ruleSetId } = ZRuleSetRef.parse(raw);
  return transaction(async (tx) => {
    const r = await lockRuleSetTx(tx, ruleSetId);
    if (!r.archivedAt) throw new AppError("CONFLICT", `${r.key} is not archived.`);
    await tx.qualityRuleSet.update({ where: { id: ruleSetId }, data: { archivedAt: null } });
    await appendAudit(tx, {
      actor,
      action: "quality.ruleset.restore",
      entityType: "QualityRuleSet",
      entityId: ruleSetId,
      before: { key: r.key, archivedAt: r.archivedAt.toISOString() },
      after: { key: r.key, archivedAt: null },
    });
    return { id: ruleSetId, key: r.key, archivedAt: null };
  });
}
