import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZRuleSetDocument, type TRuleSetDocument } from "@/lib/quality/rules/document";
import { ruleSetContentHash } from "@/lib/quality/rules/hash";
import { ZSaveRuleSetVersion } from "@/lib/quality/rules/inputs";
import { appendAudit } from "../../audit";

export type TRuleSetVersionRef = {
  ruleSetId: string;
  key: string;
  versionId: string;
  version: number;
  contentHash: string;
  created: boolean;
};

/**
 * The version of the rule set with this content: an existing one when the hash matches (versions are
 * immutable, equal content is one version), else the next number.
 */
export async function ensureRuleSetVersionTx(
  tx: Tx,
  actor: Actor,
  ruleSet: { id: string; key: string },
  raw: unknown,
  note = "",
): Promise<TRuleSetVersionRef> {
  assertCan(actor, "quality:rules");
  const document: TRuleSetDocument = ZRuleSetDocument.parse(raw);
  const contentHash = ruleSetContentHash(document);
  const ref = (v: { id: string; number: number }, created: boolean) => ({
    ruleSetId: ruleSet.id,
    key: ruleSet.key,
    versionId: v.id,
    version: v.number,
    contentHash,
    created,
  });
  // One writer per rule set at a time, so two saves cannot take the same number.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.ruleset-version:${ruleSet.id}`}))`;
  const same = await tx.qualityRuleSetVersion.findUnique({
    where: { ruleSetId_contentHash: { ruleSetId: ruleSet.id, contentHash } },
    select: { id: true, number: true },
  });
  if (same) return ref(same, false);
  const last = await tx.qualityRuleSetVersion.findFirst({
    where: { ruleSetId: ruleSet.id },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const created = await tx.qualityRuleSetVersion.create({
    data: {
      ruleSetId: ruleSet.id,
      number: (last?.number ?? 0) + 1,
      contentHash,
      document: document as unknown as Prisma.InputJsonValue,
      note,
      createdBy: actor.email,
    },
    select: { id: true, number: true },
  });
  await tx.qualityRuleSet.update({ where: { id: ruleSet.id }, data: { updatedAt: new Date() } });
  await appendAudit(tx, {
    actor,
    action: "quality.ruleset.version.create",
    entityType: "QualityRuleSetVersion",
    entityId: created.id,
    after: { key: ruleSet.key, version: created.number, contentHash, rules: document.rules.length, note },
  });
  return ref(created, true);
}

/** The editor's "save as new version". Saving unchanged rules returns the version that has them. */
export async function saveRuleSetVersion(actor: Actor, raw: unknown): Promise<TRuleSetVersionRef> {
  assertCan(actor, "quality:rules");
  const input = ZSaveRuleSetVersion.parse(raw);
  try {
    return await transaction(async (tx) => {
      const ruleSet = await tx.qualityRuleSet.findUnique({
        where: { id: input.ruleSetId },
        select: { id: true, key: true, archivedAt: true },
      });
      if (!ruleSet) throw new AppError("NOT_FOUND", "That rule set does not exist.");
      if (ruleSet.archivedAt)
        throw new AppError("PRECONDITION_FAILED", `${ruleSet.key} is archived: restore it before saving a version.`);
      return ensureRuleSetVersionTx(tx, actor, ruleSet, input.document, input.note);
    });
  } catch (error) {
    mapPrismaError(error, "rule set version");
  }
}
