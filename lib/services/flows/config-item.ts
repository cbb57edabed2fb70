import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import type { TConfigImpact, TConfigKind, TConfigVersionRef } from "@/lib/config-items/kind";
import { findFlowSpecSecrets } from "@/lib/config-items/secrets";
import { nodeId } from "@/lib/catalog/graph-types";
import type { Tx } from "@/lib/db";
import { flowContentHash, validateFlowComponents } from "@/lib/engine/core/flow-version";
import { AppError } from "@/lib/errors";
import { ZFlowSpec, type TFlowSpec } from "@/lib/validation/flow-spec";
import { FLOW_NAME, FLOW_NAME_HINT } from "@/lib/validation/flows";
import { appendAudit } from "../audit";
import { blastRadiusOf } from "../catalog";
import { assertPromotedTx, deployVersionTx } from "./deployments";
import { componentRegistry } from "./registry";

/**
 * A flow as configuration: its name and description are the spec's own (repeated at the top so a file
 * reads well), and the hash is flowContentHash(spec), so it equals FlowVersion.contentHash.
 */
export const ZFlowDocument = z
  .object({
    name: z.string().regex(FLOW_NAME, FLOW_NAME_HINT),
    description: z.string().max(2000).optional(),
    spec: ZFlowSpec,
  })
  .strict()
  .superRefine((doc, ctx) => {
    if (doc.spec.name !== doc.name)
      ctx.addIssue({ code: "custom", path: ["spec", "name"], message: `must equal the document's name "${doc.name}"` });
    if (doc.description !== undefined && doc.description !== (doc.spec.description ?? ""))
      ctx.addIssue({ code: "custom", path: ["description"], message: "must equal spec.description (edit that)" });
    for (const issue of validateFlowComponents(doc.spec, componentRegistry()))
      ctx.addIssue({ code: "custom", path: ["spec", ...issue.path.split(".")], message: issue.message });
    for (const issue of findFlowSpecSecrets(doc.spec))
      ctx.addIssue({ code: "custom", path: ["spec", ...issue.path.split(".")], message: issue.message });
  });
export type TFlowDocument = z.output<typeof ZFlowDocument>;

export const toFlowDocument = (spec: TFlowSpec): TFlowDocument => ({
  name: spec.name,
  ...(spec.description ? { description: spec.description } : {}),
  spec,
});

const versionRef = (v: {
  id: string;
  flowId: string;
  version: number;
  contentHash: string;
  flow: { name: string };
}): TConfigVersionRef => ({
  itemId: v.flowId,
  key: v.flow.name,
  versionId: v.id,
  version: v.version,
  contentHash: v.contentHash,
});

async function ensureFlowVersion(tx: Tx, actor: Actor, key: string, doc: TFlowDocument) {
  assertCan(actor, "flow:edit");
  if (key !== doc.name)
    throw new AppError("VALIDATION", `The item "${key}" holds a flow named "${doc.name}".`, {
      fieldErrors: { name: [`Use "${key}".`] },
    });
  const spec = ZFlowSpec.parse(doc.spec);
  const contentHash = flowContentHash(spec);
  let flow = await tx.flow.findUnique({ where: { name: doc.name }, select: { id: true, name: true } });
  if (!flow) {
    flow = await tx.flow.create({
      data: { name: doc.name, description: spec.description ?? "", createdBy: actor.email },
      select: { id: true, name: true },
    });
    await appendAudit(tx, {
      actor,
      action: "flow.create",
      entityType: "Flow",
      entityId: flow.id,
      after: { name: flow.name, source: "config" },
    });
  }
  const same = await tx.flowVersion.findUnique({
    where: { flowId_contentHash: { flowId: flow.id, contentHash } },
    include: { flow: { select: { name: true } } },
  });
  if (same) return { ...versionRef(same), created: false };
  const last = await tx.flowVersion.findFirst({
    where: { flowId: flow.id },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const created = await tx.flowVersion.create({
    data: {
      flowId: flow.id,
      version: (last?.version ?? 0) + 1,
      spec: JSON.parse(JSON.stringify(spec)),
      contentHash,
      note: "config apply",
      createdBy: actor.email,
    },
    include: { flow: { select: { name: true } } },
  });
  await tx.flow.update({ where: { id: flow.id }, data: { description: spec.description ?? "" } });
  await appendAudit(tx, {
    actor,
    action: "flow.version.create",
    entityType: "FlowVersion",
    entityId: created.id,
    after: { flowId: flow.id, version: created.version, contentHash, note: "config apply" },
  });
  return { ...versionRef(created), created: true };
}

/**
 * The blast radius is the catalog's impact analysis: every system, interface and flow that depends on
 * this flow, transitively, declared or observed (the same computation as the catalog's impact page).
 */
async function flowImpact(tx: Tx, flowId: string): Promise<TConfigImpact> {
  const flow = await tx.flow.findUnique({
    where: { id: flowId },
    select: { dataDomains: { select: { dataDomainId: true } } },
  });
  if (!flow) throw new AppError("NOT_FOUND", "That flow does not exist.");
  const dataDomainIds = flow.dataDomains.map((d) => d.dataDomainId).sort();
  return { ...(await blastRadiusOf(tx, nodeId("flow", flowId))), dataDomainIds };
}

export const flowConfigKind: TConfigKind<TFlowDocument> = {
  kind: "flow",
  label: "Flow",
  documentSchema: ZFlowDocument,
  hash: (doc) => flowContentHash(doc.spec),
  async listDeployed(tx, environmentId) {
    const rows = await tx.deployment.findMany({
      where: { environmentId, activeSlot: { not: null } },
      include: { flowVersion: { include: { flow: { select: { name: true } } } } },
      orderBy: { flow: { name: "asc" } },
    });
    return rows.map((d) => ({
      ...versionRef(d.flowVersion),
      deploymentId: d.id,
      document: toFlowDocument(ZFlowSpec.parse(d.flowVersion.spec)),
    }));
  },
  ensureVersion: ensureFlowVersion,
  async loadVersion(tx, versionId) {
    const v = await tx.flowVersion.findUnique({
      where: { id: versionId },
      include: { flow: { select: { name: true } } },
    });
    return v ? { ...versionRef(v), document: toFlowDocument(ZFlowSpec.parse(v.spec)) } : null;
  },
  async deploy(tx, actor, input) {
    const version = await tx.flowVersion.findUnique({ where: { id: input.versionId }, select: { flowId: true } });
    const active = version
      ? await tx.deployment.findUnique({
          where: { activeSlot: `${version.flowId}:${input.environmentId}` },
          select: { flowVersionId: true },
        })
      : null;
    const row = await deployVersionTx(tx, actor, input);
    return { deploymentId: row.id, previousVersionId: active?.flowVersionId ?? null };
  },
  assertPromoted: assertPromotedTx,
  impact: flowImpact,
};
