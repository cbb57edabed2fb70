import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiContentHash, apiItemKey, parseApiItemKey, ZApiDocument, type TApiDocument } from "@/lib/apis/document";
import type { TConfigImpact, TConfigKind, TConfigVersionRef } from "@/lib/config-items/kind";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit";
import { assertApiPromotedTx, deployApiRevisionTx } from "./deploy";
import { createRevisionTx } from "./revisions";

// An API major version as configuration (kind "api"): the item is the ApiVersion (key "<product>/v<major>"),
// its versions are the immutable revisions. The CAB's changes, the CLI's export/apply and rollback work
// on it as on flows; deploying enforces promotion, the breaking-change gate and, in production, the change.

const revisionInclude = { apiVersion: { select: { major: true, product: { select: { key: true } } } } } as const;

const versionRef = (r: {
  id: string;
  apiVersionId: string;
  number: number;
  contentHash: string;
  apiVersion: { major: number; product: { key: string } };
}): TConfigVersionRef => ({
  itemId: r.apiVersionId,
  key: apiItemKey(r.apiVersion.product.key, r.apiVersion.major),
  versionId: r.id,
  version: r.number,
  contentHash: r.contentHash,
});

async function ensureApiRevision(tx: Tx, actor: Actor, key: string, doc: TApiDocument) {
  assertCan(actor, "api:edit");
  const parsedKey = parseApiItemKey(key);
  if (!parsedKey)
    throw new AppError("VALIDATION", `"${key}" is not an API item key; use <product>/v<major>, e.g. orders/v1.`);
  if (parsedKey.product !== doc.product || parsedKey.major !== doc.major)
    throw new AppError(
      "VALIDATION",
      `The item "${key}" holds ${apiItemKey(doc.product, doc.major)}; the document's product and major must match its file.`,
      { fieldErrors: { product: [`Use "${parsedKey.product}" and major ${parsedKey.major}.`] } },
    );
  let product = await tx.apiProduct.findUnique({ where: { key: doc.product }, select: { id: true, key: true } });
  if (!product) {
    const title = (doc.openapi.info as { title?: unknown } | undefined)?.title;
    product = await tx.apiProduct.create({
      data: {
        key: doc.product,
        name: typeof title === "string" && title.trim() ? title.trim().slice(0, 120) : doc.product,
        createdBy: actor.email,
      },
      select: { id: true, key: true },
    });
    await appendAudit(tx, {
      actor,
      action: "api.product.create",
      entityType: "ApiProduct",
      entityId: product.id,
      after: { key: product.key, source: "config" },
    });
  }
  // Applied files carry the document, not the text it was uploaded as: keep it as indented JSON, so
  // locations still have line numbers.
  const ref = await createRevisionTx(tx, actor, {
    product,
    doc,
    source: `${JSON.stringify(doc.openapi, null, 2)}\n`,
    note: "config apply",
  });
  return {
    itemId: ref.apiVersionId,
    key: apiItemKey(product.key, doc.major),
    versionId: ref.id,
    version: ref.number,
    contentHash: ref.contentHash,
    created: ref.created,
  };
}

/**
 * What an API version touches: the flow behind it, the system that provides it and the systems of the
 * consumers that hold keys for it or called it; the backend flow's data domains.
 */
async function apiImpact(tx: Tx, apiVersionId: string): Promise<TConfigImpact> {
  const version = await tx.apiVersion.findUnique({
    where: { id: apiVersionId },
    select: {
      id: true,
      product: { select: { system: { select: { name: true } } } },
      revisions: { orderBy: { number: "desc" }, take: 1, select: { document: true } },
      keyScopes: { select: { key: { select: { consumer: { select: { system: { select: { name: true } } } } } } } },
    },
  });
  if (!version) throw new AppError("NOT_FOUND", "That API version does not exist.");
  const callers = await tx.apiCallMinute.findMany({
    where: { apiVersionId, consumerId: { not: "" } },
    distinct: ["consumerId"],
    select: { consumerId: true },
  });
  const callerSystems = callers.length
    ? await tx.apiConsumer.findMany({
        where: { id: { in: callers.map((c) => c.consumerId) }, systemId: { not: null } },
        select: { system: { select: { name: true } } },
      })
    : [];
  const doc = version.revisions[0] ? ZApiDocument.safeParse(version.revisions[0].document) : null;
  const flowName = doc?.success && doc.data.backend.kind === "flow" ? doc.data.backend.flow : null;
  const flow = flowName
    ? await tx.flow.findUnique({
        where: { name: flowName },
        select: { name: true, dataDomains: { select: { dataDomainId: true } } },
      })
    : null;
  const systems = [
    version.product.system?.name,
    ...version.keyScopes.map((s) => s.key.consumer.system?.name),
    ...callerSystems.map((c) => c.system?.name),
  ].filter((n): n is string => Boolean(n));
  return {
    systems: [...new Set(systems)].sort((a, b) => a.localeCompare(b)),
    interfaces: [],
    flows: flow ? [flow.name] : [],
    dataDomainIds: flow ? flow.dataDomains.map((d) => d.dataDomainId).sort() : [],
  };
}

export const apiConfigKind: TConfigKind<TApiDocument> = {
  kind: "api",
  label: "API",
  documentSchema: ZApiDocument,
  hash: apiContentHash,
  async listDeployed(tx, environmentId) {
    const rows = await tx.apiDeployment.findMany({
      where: { environmentId, activeSlot: { not: null } },
      include: { revision: { include: revisionInclude } },
    });
    return rows
      .map((d) => ({
        ...versionRef(d.revision),
        deploymentId: d.id,
        document: ZApiDocument.parse(d.revision.document),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  },
  ensureVersion: ensureApiRevision,
  async loadVersion(tx, versionId) {
    const r = await tx.apiRevision.findUnique({ where: { id: versionId }, include: revisionInclude });
    return r ? { ...versionRef(r), document: ZApiDocument.parse(r.document) } : null;
  },
  async deploy(tx, actor, input) {
    const { deploymentId, previousVersionId } = await deployApiRevisionTx(tx, actor, input);
    return { deploymentId, previousVersionId };
  },
  assertPromoted: assertApiPromotedTx,
  impact: apiImpact,
};
