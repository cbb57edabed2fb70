import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import type { TConfigImpact, TConfigKind, TConfigVersionRef } from "@/lib/config-items/kind";
import { db, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { maskingContentHash, ZMaskingPolicyDocument, type TMaskingPolicyDocument } from "@/lib/quality/privacy/policy";
import { appendAudit } from "../../audit";
import { assertApprovedChangeTx, assertReachedPreviousTx, isProductionEnvironment } from "../../promotion";
import { notifyMaskingChanged } from "./notify";
import { ZDeployPolicy, ZSavePolicy } from "./schema";

// Masking policies as config items (kind "masking"): immutable versions by content hash, deployed per
// environment; dev → test → prod, and production only through an approved change bound to the hash.

type TVersionRow = { id: string; policyId: string; number: number; contentHash: string; policy: { key: string } };

const versionRef = (v: TVersionRow): TConfigVersionRef => ({
  itemId: v.policyId,
  key: v.policy.key,
  versionId: v.id,
  version: v.number,
  contentHash: v.contentHash,
});

async function ensurePolicyVersionTx(tx: Tx, actor: Actor, key: string, raw: TMaskingPolicyDocument, note = "") {
  assertCan(actor, "quality:manage");
  const doc = ZMaskingPolicyDocument.parse(raw);
  if (key !== doc.key)
    throw new AppError("VALIDATION", `The item "${key}" holds the policy "${doc.key}".`, {
      fieldErrors: { key: [`Use "${key}".`] },
    });
  const contentHash = maskingContentHash(doc);
  let policy = await tx.maskingPolicy.findUnique({ where: { key }, select: { id: true } });
  if (!policy) {
    policy = await tx.maskingPolicy.create({
      data: { key, description: doc.description, createdBy: actor.email },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor,
      action: "quality.masking.create",
      entityType: "MaskingPolicy",
      entityId: policy.id,
      after: { key },
    });
  }
  const existing = await tx.maskingPolicyVersion.findUnique({
    where: { policyId_contentHash: { policyId: policy.id, contentHash } },
    include: { policy: { select: { key: true } } },
  });
  if (existing) return { ...versionRef(existing), created: false };
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.masking-version:${policy.id}`}))`;
  const last = await tx.maskingPolicyVersion.findFirst({
    where: { policyId: policy.id },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const created = await tx.maskingPolicyVersion.create({
    data: {
      policyId: policy.id,
      number: (last?.number ?? 0) + 1,
      document: doc,
      contentHash,
      note,
      createdBy: actor.email,
    },
    include: { policy: { select: { key: true } } },
  });
  if (doc.description)
    await tx.maskingPolicy.update({ where: { id: policy.id }, data: { description: doc.description } });
  await appendAudit(tx, {
    actor,
    action: "quality.masking.version",
    entityType: "MaskingPolicyVersion",
    entityId: created.id,
    after: { key, version: created.number, contentHash, rules: doc.rules.length },
  });
  return { ...versionRef(created), created: true };
}

async function loadVersion(tx: Tx, versionId: string) {
  const v = await tx.maskingPolicyVersion.findUnique({
    where: { id: versionId },
    include: { policy: { select: { key: true } } },
  });
  if (!v) throw new AppError("NOT_FOUND", "That masking policy version does not exist.");
  return v;
}

async function loadEnv(tx: Tx, environmentId: string) {
  const env = await tx.environment.findUnique({ where: { id: environmentId } });
  if (!env)
    throw new AppError("NOT_FOUND", "That environment does not exist.", {
      fieldErrors: { environmentId: ["Choose an environment."] },
    });
  return env;
}

async function assertPolicyPromotedTx(tx: Tx, versionId: string, environmentId: string): Promise<void> {
  const v = await loadVersion(tx, versionId);
  await assertReachedPreviousTx(
    tx,
    await loadEnv(tx, environmentId),
    { subject: `masking policy ${v.policy.key} v${v.number}`, short: `v${v.number}`, verb: "deploy" },
    async (envId) =>
      !!(await tx.maskingPolicyDeployment.findFirst({
        where: { versionId, environmentId: envId },
        select: { id: true },
      })),
  );
}

/** Makes a version the environment's active one for its policy (promotion and, in production, the change checked). */
export async function deployPolicyVersionTx(
  tx: Tx,
  actor: Actor,
  input: { versionId: string; environmentId: string; changeRequestId?: string | null },
): Promise<{ deploymentId: string; previousVersionId: string | null }> {
  assertCan(actor, "quality:manage");
  const v = await loadVersion(tx, input.versionId);
  const env = await loadEnv(tx, input.environmentId);
  await assertPolicyPromotedTx(tx, v.id, env.id);
  const subject = `masking policy ${v.policy.key} v${v.number}`;
  const change = isProductionEnvironment(env)
    ? await assertApprovedChangeTx(tx, env, input.changeRequestId, {
        kind: "masking",
        id: v.id,
        contentHash: v.contentHash,
        subject,
        verb: "runs",
        ask: `request a change for ${subject}`,
      })
    : null;
  const slot = `${v.policyId}:${env.id}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.masking-deploy:${slot}`}))`;
  const previous = await tx.maskingPolicyDeployment.findUnique({ where: { activeSlot: slot } });
  if (previous?.versionId === v.id) throw new AppError("CONFLICT", `${env.name} already runs ${subject}.`);
  if (previous)
    await tx.maskingPolicyDeployment.update({
      where: { id: previous.id },
      data: { activeSlot: null, supersededAt: new Date() },
    });
  const created = await tx.maskingPolicyDeployment.create({
    data: {
      policyId: v.policyId,
      versionId: v.id,
      environmentId: env.id,
      contentHash: v.contentHash,
      activeSlot: slot,
      changeRequestId: change?.id ?? null,
      deployedBy: actor.email,
    },
  });
  await appendAudit(tx, {
    actor,
    action: "quality.masking.deploy",
    entityType: "MaskingPolicyDeployment",
    entityId: created.id,
    before: previous ? { key: v.policy.key, contentHash: previous.contentHash, environment: env.key } : null,
    after: {
      key: v.policy.key,
      version: v.number,
      contentHash: v.contentHash,
      environment: env.key,
      ...(change ? { changeRequest: `CHG-${change.number}` } : {}),
    },
  });
  await notifyMaskingChanged(tx);
  return { deploymentId: created.id, previousVersionId: previous?.versionId ?? null };
}

async function policyImpact(tx: Tx, itemId: string): Promise<TConfigImpact> {
  const v = await tx.maskingPolicyVersion.findFirst({ where: { policyId: itemId }, orderBy: { number: "desc" } });
  const doc = v ? ZMaskingPolicyDocument.safeParse(v.document) : null;
  const names = doc?.success ? doc.data.flows : [];
  const flows = names.length
    ? await tx.flow.findMany({
        where: { name: { in: names } },
        select: { name: true, dataDomains: { select: { dataDomainId: true } } },
      })
    : [];
  return {
    systems: [],
    interfaces: [],
    flows: flows.map((f) => f.name).sort(),
    dataDomainIds: [...new Set(flows.flatMap((f) => f.dataDomains.map((d) => d.dataDomainId)))].sort(),
  };
}

export const maskingConfigKind: TConfigKind<TMaskingPolicyDocument> = {
  kind: "masking",
  label: "Masking policy",
  documentSchema: ZMaskingPolicyDocument,
  hash: maskingContentHash,
  async listDeployed(tx, environmentId) {
    const rows = await tx.maskingPolicyDeployment.findMany({
      where: { environmentId, activeSlot: { not: null } },
      include: { version: { include: { policy: { select: { key: true } } } } },
    });
    return rows
      .map((d) => ({
        ...versionRef(d.version),
        deploymentId: d.id,
        document: ZMaskingPolicyDocument.parse(d.version.document),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  },
  ensureVersion: (tx, actor, key, doc) => ensurePolicyVersionTx(tx, actor, key, doc, "config apply"),
  async loadVersion(tx, versionId) {
    const v = await tx.maskingPolicyVersion.findUnique({
      where: { id: versionId },
      include: { policy: { select: { key: true } } },
    });
    return v ? { ...versionRef(v), document: ZMaskingPolicyDocument.parse(v.document) } : null;
  },
  deploy: deployPolicyVersionTx,
  assertPromoted: assertPolicyPromotedTx,
  impact: policyImpact,
};

export type TPolicyRow = {
  id: string;
  key: string;
  description: string;
  latest: { id: string; number: number; contentHash: string; createdAt: string; createdBy: string } | null;
  deployments: {
    environmentKey: string;
    environmentId: string;
    version: number;
    deployedAt: string;
    deployedBy: string;
  }[];
};

export async function listMaskingPolicies(actor: Actor): Promise<TPolicyRow[]> {
  assertCan(actor, "quality:read");
  const [policies, envs] = await Promise.all([
    db().maskingPolicy.findMany({
      orderBy: { key: "asc" },
      include: {
        versions: { orderBy: { number: "desc" }, take: 1 },
        deployments: { where: { activeSlot: { not: null } }, include: { version: { select: { number: true } } } },
      },
    }),
    db().environment.findMany({ select: { id: true, key: true } }),
  ]);
  const envKey = new Map(envs.map((e) => [e.id, e.key]));
  return policies.map((p) => ({
    id: p.id,
    key: p.key,
    description: p.description,
    latest: p.versions[0]
      ? {
          id: p.versions[0].id,
          number: p.versions[0].number,
          contentHash: p.versions[0].contentHash,
          createdAt: p.versions[0].createdAt.toISOString(),
          createdBy: p.versions[0].createdBy,
        }
      : null,
    deployments: p.deployments.map((d) => ({
      environmentKey: envKey.get(d.environmentId) ?? d.environmentId,
      environmentId: d.environmentId,
      version: d.version.number,
      deployedAt: d.deployedAt.toISOString(),
      deployedBy: d.deployedBy,
    })),
  }));
}

export async function getMaskingPolicyDocument(
  actor: Actor,
  key: string,
): Promise<{ versionId: string; number: number; document: TMaskingPolicyDocument } | null> {
  assertCan(actor, "quality:read");
  const v = await db().maskingPolicyVersion.findFirst({ where: { policy: { key } }, orderBy: { number: "desc" } });
  return v ? { versionId: v.id, number: v.number, document: ZMaskingPolicyDocument.parse(v.document) } : null;
}

/** The editor's save: JSON text, validated with paths in the errors; equal content keeps its version. */
export async function saveMaskingPolicy(actor: Actor, raw: unknown) {
  assertCan(actor, "quality:manage");
  const input = ZSavePolicy.parse(raw);
  let json: unknown;
  try {
    json = JSON.parse(input.document);
  } catch (e) {
    throw new AppError("VALIDATION", `The policy is not valid JSON: ${(e as Error).message}.`, {
      fieldErrors: { document: ["Fix the JSON syntax."] },
    });
  }
  const parsed = ZMaskingPolicyDocument.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
    throw new AppError("VALIDATION", `The policy has ${lines.length} problem(s): ${lines.join("; ")}.`, {
      fieldErrors: { document: lines },
    });
  }
  try {
    return await transaction((tx) => ensurePolicyVersionTx(tx, actor, parsed.data.key, parsed.data, input.note));
  } catch (error) {
    mapPrismaError(error, "masking policy");
  }
}

/** The portal's deploy: production needs the approved change (changeRequestId). */
export async function deployMaskingPolicy(actor: Actor, raw: unknown) {
  assertCan(actor, "quality:manage");
  const input = ZDeployPolicy.parse(raw);
  try {
    return await transaction((tx) => deployPolicyVersionTx(tx, actor, input));
  } catch (error) {
    mapPrismaError(error, "masking policy deployment");
  }
}
