import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction } from "@/lib/db";
import { ZCriterionInput } from "@/lib/validation/prioritization";
import { appendAudit } from "../audit";
import { DEFAULT_CRITERIA, type CriterionDef } from "./scoring";

export type CriterionRow = CriterionDef & { id: string; description: string; isActive: boolean };

export async function listCriteria(actor: Actor): Promise<CriterionRow[]> {
  assertCan(actor, "candidate:read");
  const rows = await db().criterion.findMany({ orderBy: [{ position: "asc" }, { key: "asc" }] });
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    label: r.label,
    description: r.description,
    weight: r.weight,
    isInverted: r.isInverted,
    isActive: r.isActive,
  }));
}

/** Creates or updates a criterion by key. Open sessions keep the criteria they started with. */
export async function saveCriterion(actor: Actor, raw: unknown): Promise<CriterionRow> {
  assertCan(actor, "workshop:facilitate");
  const input = ZCriterionInput.parse(raw);
  return transaction(async (tx) => {
    const before = await tx.criterion.findUnique({ where: { key: input.key } });
    const position = before?.position ?? (await tx.criterion.count());
    const row = await tx.criterion.upsert({ where: { key: input.key }, create: { ...input, position }, update: input });
    await appendAudit(tx, {
      actor,
      action: before ? "criterion.update" : "criterion.create",
      entityType: "Criterion",
      entityId: row.id,
      before: before
        ? { label: before.label, weight: before.weight, isInverted: before.isInverted, isActive: before.isActive }
        : null,
      after: { label: row.label, weight: row.weight, isInverted: row.isInverted, isActive: row.isActive },
    });
    return {
      id: row.id,
      key: row.key,
      label: row.label,
      description: row.description,
      weight: row.weight,
      isInverted: row.isInverted,
      isActive: row.isActive,
    };
  });
}

/** Inserts the default criteria that are missing (seed, first use); never changes existing weights. */
export async function ensureDefaultCriteria(actor: Actor): Promise<void> {
  const existing = new Set((await db().criterion.findMany({ select: { key: true } })).map((c) => c.key));
  for (const [position, c] of DEFAULT_CRITERIA.entries()) {
    if (existing.has(c.key)) continue;
    await transaction(async (tx) => {
      const row = await tx.criterion.create({
        data: { key: c.key, label: c.label, weight: c.weight, isInverted: c.isInverted, position },
      });
      await appendAudit(tx, {
        actor,
        action: "criterion.create",
        entityType: "Criterion",
        entityId: row.id,
        after: { key: c.key, weight: c.weight },
      });
    });
  }
}
