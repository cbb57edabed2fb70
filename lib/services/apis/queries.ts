import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiItemKey, ZApiDocument, type TApiDocument } from "@/lib/apis/document";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TApiLifecycle } from "@/lib/validation/apis";
import { readChanges, type TApiChange } from "./changes";
import { breakingGateTx, type TGateState } from "./gate";
import { versionConsumersTx, type TVersionConsumer } from "./lifecycle";

export type TApiEnvironment = { id: string; key: string; name: string; isProduction: boolean };

export type TApiDeploymentCell = {
  environmentId: string;
  revisionId: string;
  revisionNumber: number;
  semver: string;
  deployedAt: string;
  deployedBy: string;
  changeRequestId: string | null;
};

export type TApiVersionSummary = {
  id: string;
  major: number;
  key: string;
  lifecycle: TApiLifecycle;
  publishedAt: string | null;
  deprecatedAt: string | null;
  sunsetAt: string | null;
  successorMajor: number | null;
  revisions: number;
  latest: { number: number; semver: string; createdAt: string } | null;
  /** What each environment serves (keyed by environment id). */
  deployed: Record<string, TApiDeploymentCell>;
};

export type TApiProductDetail = {
  id: string;
  key: string;
  name: string;
  description: string;
  ownerId: string | null;
  ownerName: string;
  systemId: string | null;
  systemName: string | null;
  archivedAt: string | null;
  createdBy: string;
  createdAt: string;
  environments: TApiEnvironment[];
  versions: TApiVersionSummary[];
};

async function environments(): Promise<TApiEnvironment[]> {
  return db().environment.findMany({
    orderBy: { sortOrder: "asc" },
    select: { id: true, key: true, name: true, isProduction: true },
  });
}

export async function getApiProductOrThrow(actor: Actor, key: string): Promise<TApiProductDetail> {
  assertCan(actor, "api:read");
  const product = await db().apiProduct.findUnique({
    where: { key },
    include: {
      system: { select: { name: true } },
      versions: {
        orderBy: { major: "desc" },
        include: {
          successor: { select: { major: true } },
          revisions: { orderBy: { number: "desc" }, take: 1, select: { number: true, semver: true, createdAt: true } },
          _count: { select: { revisions: true } },
          deployments: {
            where: { activeSlot: { not: null } },
            include: { revision: { select: { number: true, semver: true } } },
          },
        },
      },
    },
  });
  if (!product) throw new AppError("NOT_FOUND", `No API "${key}".`);
  const owner = product.ownerId
    ? await db().user.findUnique({ where: { id: product.ownerId }, select: { name: true, email: true } })
    : null;
  return {
    id: product.id,
    key: product.key,
    name: product.name,
    description: product.description,
    ownerId: product.ownerId,
    ownerName: owner ? owner.name || owner.email : "",
    systemId: product.systemId,
    systemName: product.system?.name ?? null,
    archivedAt: product.archivedAt?.toISOString() ?? null,
    createdBy: product.createdBy,
    createdAt: product.createdAt.toISOString(),
    environments: await environments(),
    versions: product.versions.map((v) => ({
      id: v.id,
      major: v.major,
      key: apiItemKey(product.key, v.major),
      lifecycle: v.lifecycle,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      deprecatedAt: v.deprecatedAt?.toISOString() ?? null,
      sunsetAt: v.sunsetAt?.toISOString() ?? null,
      successorMajor: v.successor?.major ?? null,
      revisions: v._count.revisions,
      latest: v.revisions[0]
        ? {
            number: v.revisions[0].number,
            semver: v.revisions[0].semver,
            createdAt: v.revisions[0].createdAt.toISOString(),
          }
        : null,
      deployed: Object.fromEntries(
        v.deployments.map((d) => [
          d.environmentId,
          {
            environmentId: d.environmentId,
            revisionId: d.revisionId,
            revisionNumber: d.revision.number,
            semver: d.revision.semver,
            deployedAt: d.deployedAt.toISOString(),
            deployedBy: d.deployedBy,
            changeRequestId: d.changeRequestId,
          },
        ]),
      ),
    })),
  };
}

export type TApiRevisionRow = {
  id: string;
  number: number;
  semver: string;
  contentHash: string;
  note: string;
  createdBy: string;
  createdAt: string;
  changes: number;
  breakingCount: number;
  base: { number: number; major: number } | null;
  /** Environment keys that serve it now. */
  servedIn: string[];
};

export type TApiVersionDetail = TApiVersionSummary & {
  product: {
    id: string;
    key: string;
    name: string;
    archivedAt: string | null;
    systemId: string | null;
    systemName: string | null;
  };
  deprecationNote: string;
  retiredAt: string | null;
  environments: TApiEnvironment[];
  revisionRows: TApiRevisionRow[];
  /** The newest revision in full (for the reference docs, the publish form and the gate). */
  current: { id: string; number: number; semver: string; document: TApiDocument; gate: TGateState } | null;
  /** Other published versions of the product: the successors a deprecation may name. */
  successorOptions: { id: string; major: number }[];
  consumers: TVersionConsumer[];
  backendFlow: { id: string; name: string } | null;
};

export async function getApiVersionOrThrow(
  actor: Actor,
  productKey: string,
  major: number,
): Promise<TApiVersionDetail> {
  assertCan(actor, "api:read");
  const version = await db().apiVersion.findFirst({
    where: { major, product: { key: productKey } },
    include: {
      product: { include: { system: { select: { name: true } } } },
      successor: { select: { major: true } },
      revisions: { orderBy: { number: "desc" } },
      deployments: {
        where: { activeSlot: { not: null } },
        include: { revision: { select: { number: true, semver: true } }, environment: { select: { key: true } } },
      },
    },
  });
  if (!version) throw new AppError("NOT_FOUND", `No version ${apiItemKey(productKey, major)}.`);
  const baseIds = [...new Set(version.revisions.map((r) => r.baseRevisionId).filter(Boolean))] as string[];
  const bases = baseIds.length
    ? await db().apiRevision.findMany({
        where: { id: { in: baseIds } },
        select: { id: true, number: true, apiVersion: { select: { major: true } } },
      })
    : [];
  const siblings = await db().apiVersion.findMany({
    where: { productId: version.productId, id: { not: version.id }, lifecycle: "published" },
    select: { id: true, major: true },
    orderBy: { major: "desc" },
  });
  const latest = version.revisions[0] ?? null;
  const document = latest ? ZApiDocument.parse(latest.document) : null;
  const backendFlow =
    document?.backend.kind === "flow"
      ? await db().flow.findUnique({ where: { name: document.backend.flow }, select: { id: true, name: true } })
      : null;
  return {
    id: version.id,
    major: version.major,
    key: apiItemKey(version.product.key, version.major),
    lifecycle: version.lifecycle,
    publishedAt: version.publishedAt?.toISOString() ?? null,
    deprecatedAt: version.deprecatedAt?.toISOString() ?? null,
    sunsetAt: version.sunsetAt?.toISOString() ?? null,
    retiredAt: version.retiredAt?.toISOString() ?? null,
    deprecationNote: version.deprecationNote,
    successorMajor: version.successor?.major ?? null,
    revisions: version.revisions.length,
    latest: latest ? { number: latest.number, semver: latest.semver, createdAt: latest.createdAt.toISOString() } : null,
    deployed: Object.fromEntries(
      version.deployments.map((d) => [
        d.environmentId,
        {
          environmentId: d.environmentId,
          revisionId: d.revisionId,
          revisionNumber: d.revision.number,
          semver: d.revision.semver,
          deployedAt: d.deployedAt.toISOString(),
          deployedBy: d.deployedBy,
          changeRequestId: d.changeRequestId,
        },
      ]),
    ),
    product: {
      id: version.product.id,
      key: version.product.key,
      name: version.product.name,
      archivedAt: version.product.archivedAt?.toISOString() ?? null,
      systemId: version.product.systemId,
      systemName: version.product.system?.name ?? null,
    },
    environments: await environments(),
    revisionRows: version.revisions.map((r) => {
      const base = bases.find((b) => b.id === r.baseRevisionId);
      return {
        id: r.id,
        number: r.number,
        semver: r.semver,
        contentHash: r.contentHash,
        note: r.note,
        createdBy: r.createdBy,
        createdAt: r.createdAt.toISOString(),
        changes: readChanges(r.changes).length,
        breakingCount: r.breakingCount,
        base: base ? { number: base.number, major: base.apiVersion.major } : null,
        servedIn: version.deployments.filter((d) => d.revisionId === r.id).map((d) => d.environment.key),
      };
    }),
    current:
      latest && document
        ? {
            id: latest.id,
            number: latest.number,
            semver: latest.semver,
            document,
            gate: await breakingGateTx(db(), latest.id),
          }
        : null,
    successorOptions: siblings,
    consumers: await versionConsumersTx(db(), version.id),
    backendFlow,
  };
}

export type TApiRevisionDetail = {
  id: string;
  number: number;
  semver: string;
  contentHash: string;
  note: string;
  createdBy: string;
  createdAt: string;
  key: string;
  product: { key: string; name: string };
  major: number;
  lifecycle: TApiLifecycle;
  source: string;
  document: TApiDocument;
  changes: TApiChange[];
  base: { id: string; number: number; major: number; semver: string; source: string } | null;
  gate: TGateState;
  environments: TApiEnvironment[];
  /** Environment ids the revision reached (at any time) and the ones serving it now. */
  reached: string[];
  servedIn: string[];
  /** The change requests that deploy this revision (newest first): for production and for a waiver. */
  changeRequests: { id: string; number: number; title: string; status: string; environmentKey: string }[];
};

export async function getApiRevisionOrThrow(
  actor: Actor,
  productKey: string,
  major: number,
  number: number,
): Promise<TApiRevisionDetail> {
  assertCan(actor, "api:read");
  const revision = await db().apiRevision.findFirst({
    where: { number, apiVersion: { major, product: { key: productKey } } },
    include: {
      apiVersion: { include: { product: { select: { key: true, name: true } } } },
      deployments: { select: { environmentId: true, activeSlot: true } },
    },
  });
  if (!revision) throw new AppError("NOT_FOUND", `No revision ${number} of ${apiItemKey(productKey, major)}.`);
  const base = revision.baseRevisionId
    ? await db().apiRevision.findUnique({
        where: { id: revision.baseRevisionId },
        select: { id: true, number: true, semver: true, source: true, apiVersion: { select: { major: true } } },
      })
    : null;
  return {
    id: revision.id,
    number: revision.number,
    semver: revision.semver,
    contentHash: revision.contentHash,
    note: revision.note,
    createdBy: revision.createdBy,
    createdAt: revision.createdAt.toISOString(),
    key: apiItemKey(productKey, major),
    product: revision.apiVersion.product,
    major,
    lifecycle: revision.apiVersion.lifecycle,
    source: revision.source,
    document: ZApiDocument.parse(revision.document),
    changes: readChanges(revision.changes),
    base: base
      ? { id: base.id, number: base.number, major: base.apiVersion.major, semver: base.semver, source: base.source }
      : null,
    gate: await breakingGateTx(db(), revision.id),
    environments: await environments(),
    reached: [...new Set(revision.deployments.map((d) => d.environmentId))],
    servedIn: revision.deployments.filter((d) => d.activeSlot).map((d) => d.environmentId),
    changeRequests: (
      await db().changeRequest.findMany({
        where: { items: { some: { kind: "api", versionId: revision.id } } },
        orderBy: { number: "desc" },
        take: 20,
        select: { id: true, number: true, title: true, status: true, environment: { select: { key: true } } },
      })
    ).map((c) => ({ id: c.id, number: c.number, title: c.title, status: c.status, environmentKey: c.environment.key })),
  };
}

export type TRevisionFormDefaults = {
  product: { key: string; name: string; archivedAt: string | null };
  major: number;
  /** Null when this major has no revision yet (the first upload creates it). */
  lifecycle: TApiLifecycle | null;
  /** The latest revision of this major, else of the nearest lower one: what a new upload starts from. */
  from: { major: number; number: number; source: string; document: TApiDocument } | null;
  flowNames: string[];
};

export async function getRevisionFormDefaults(
  actor: Actor,
  productKey: string,
  major: number,
): Promise<TRevisionFormDefaults> {
  assertCan(actor, "api:read");
  const product = await db().apiProduct.findUnique({ where: { key: productKey } });
  if (!product) throw new AppError("NOT_FOUND", `No API "${productKey}".`);
  const [version, from, flows] = await Promise.all([
    db().apiVersion.findUnique({ where: { productId_major: { productId: product.id, major } } }),
    db().apiRevision.findFirst({
      where: { apiVersion: { productId: product.id, major: { lte: major } } },
      orderBy: [{ apiVersion: { major: "desc" } }, { number: "desc" }],
      include: { apiVersion: { select: { major: true } } },
    }),
    db().flow.findMany({ select: { name: true }, orderBy: { name: "asc" }, take: 500 }),
  ]);
  return {
    product: { key: product.key, name: product.name, archivedAt: product.archivedAt?.toISOString() ?? null },
    major,
    lifecycle: version?.lifecycle ?? null,
    from: from
      ? {
          major: from.apiVersion.major,
          number: from.number,
          source: from.source,
          document: ZApiDocument.parse(from.document),
        }
      : null,
    flowNames: flows.map((f) => f.name),
  };
}
