import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { TConfigImpact, TConfigKind, TConfigVersionRef } from "@/lib/config-items/kind";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRuleSetDocument, type TRuleSetDocument } from "@/lib/quality/rules/document";
import { ruleSetContentHash } from "@/lib/quality/rules/hash";
import { ZRuleSetKey } from "@/lib/quality/rules/inputs";
import { appendAudit } from "../../audit";
import { assertRuleSetPromotedTx, deployRuleSetVersionTx } from "./deploy";
import { ensureRuleSetVersionTx } from "./versions";

// A rule set as configuration (kind "ruleset"): the item is the QualityRuleSet (key = what validate_rules
// names), its versions the immutable QualityRuleSetVersions. Export, apply, change requests and rollback
// work on it as on flows and APIs; deploying enforces promotion and, in production, the approved change.

const ref = (v: { id: string; number: number; contentHash: string; ruleSet: { id: string; key: string } }) =>
  ({
    itemId: v.ruleSet.id,
    key: v.ruleSet.key,
    versionId: v.id,
    version: v.number,
    contentHash: v.contentHash,
  }) satisfies TConfigVersionRef;

const versionSelect = {
  id: true,
  number: true,
  contentHash: true,
  document: true,
  ruleSet: { select: { id: true, key: true } },
} as const;

/** A config apply may create the rule set; its data owner is then whoever applied it. */
async function ensureItem(tx: Tx, actor: Actor, key: string) {
  const existing = await tx.qualityRuleSet.findUnique({
    where: { key },
    select: { id: true, key: true, archivedAt: true },
  });
  if (existing?.archivedAt)
    throw new AppError("PRECONDITION_FAILED", `Rule set "${key}" is archived: restore it in the portal first.`);
  if (existing) return { id: existing.id, key: existing.key };
  const parsed = ZRuleSetKey.safeParse(key);
  if (!parsed.success)
    throw new AppError("VALIDATION", `"${key}" is not a rule-set key: ${parsed.error.issues[0]?.message}.`);
  if (!actor.id)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Rule set "${key}" does not exist: create it in the portal first (it needs a responsible data owner).`,
    );
  const created = await tx.qualityRuleSet.create({
    data: { key, name: key, ownerId: actor.id, createdBy: actor.email },
    select: { id: true, key: true },
  });
  await appendAudit(tx, {
    actor,
    action: "quality.ruleset.create",
    entityType: "QualityRuleSet",
    entityId: created.id,
    after: { key, ownerId: actor.id, source: "config" },
  });
  return created;
}

/** What the rule set guards: its flow and interface (and their systems), and its data domain. */
async function ruleSetImpact(tx: Tx, itemId: string): Promise<TConfigImpact> {
  const r = await tx.qualityRuleSet.findUnique({ where: { id: itemId } });
  if (!r) throw new AppError("NOT_FOUND", "That rule set does not exist.");
  const [flow, itf] = await Promise.all([
    r.flowId
      ? tx.flow.findUnique({
          where: { id: r.flowId },
          select: { name: true, dataDomains: { select: { dataDomainId: true } } },
        })
      : null,
    r.interfaceId
      ? tx.interface.findUnique({
          where: { id: r.interfaceId },
          select: { name: true, sourceSystem: { select: { name: true } }, targetSystem: { select: { name: true } } },
        })
      : null,
  ]);
  const domains = new Set([
    ...(r.dataDomainId ? [r.dataDomainId] : []),
    ...(flow?.dataDomains.map((d) => d.dataDomainId) ?? []),
  ]);
  return {
    systems: itf ? [...new Set([itf.sourceSystem.name, itf.targetSystem.name])].sort() : [],
    interfaces: itf ? [itf.name] : [],
    flows: flow ? [flow.name] : [],
    dataDomainIds: [...domains].sort(),
  };
}

export const ruleSetConfigKind: TConfigKind<TRuleSetDocument> = {
  kind: "ruleset",
  label: "Rule set",
  documentSchema: ZRuleSetDocument,
  hash: ruleSetContentHash,
  async listDeployed(tx, environmentId) {
    const rows = await tx.qualityRuleSetDeployment.findMany({
      where: { environmentId, activeSlot: { not: null } },
      select: { id: true, version: { select: versionSelect } },
    });
    return rows
      .map((d) => ({ ...ref(d.version), deploymentId: d.id, document: ZRuleSetDocument.parse(d.version.document) }))
      .sort((a, b) => a.key.localeCompare(b.key));
  },
  async ensureVersion(tx, actor, key, doc) {
    const item = await ensureItem(tx, actor, key);
    const v = await ensureRuleSetVersionTx(tx, actor, item, doc, "config apply");
    return {
      itemId: v.ruleSetId,
      key: v.key,
      versionId: v.versionId,
      version: v.version,
      contentHash: v.contentHash,
      created: v.created,
    };
  },
  async loadVersion(tx, versionId) {
    const v = await tx.qualityRuleSetVersion.findUnique({ where: { id: versionId }, select: versionSelect });
    return v ? { ...ref(v), document: ZRuleSetDocument.parse(v.document) } : null;
  },
  async deploy(tx, actor, input) {
    const { deploymentId, previousVersionId } = await deployRuleSetVersionTx(tx, actor, input);
    return { deploymentId, previousVersionId };
  },
  assertPromoted: assertRuleSetPromotedTx,
  impact: ruleSetImpact,
};
