import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiContentHash, apiItemKey, ZApiDocument, type TApiDocument } from "@/lib/apis/document";
import { parseOpenApiText } from "@/lib/apis/openapi/parse";
import { transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZAddApiRevision } from "@/lib/validation/apis";
import { appendAudit } from "../audit";
import { diffRevisionDocuments, type TApiChange } from "./changes";

export type TRevisionRef = {
  id: string;
  apiVersionId: string;
  number: number;
  semver: string;
  contentHash: string;
  breakingCount: number;
  created: boolean;
};

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** The version (product + major) a revision belongs to, created as a draft when it is the first revision. */
async function ensureApiVersionTx(tx: Tx, actor: Actor, productId: string, productKey: string, major: number) {
  const found = await tx.apiVersion.findUnique({ where: { productId_major: { productId, major } } });
  if (found) return found;
  const created = await tx.apiVersion.create({ data: { productId, major } });
  await appendAudit(tx, {
    actor,
    action: "api.version.create",
    entityType: "ApiVersion",
    entityId: created.id,
    after: { key: apiItemKey(productKey, major), lifecycle: "draft" },
  });
  return created;
}

/**
 * The revision a new one succeeds: the latest of the same major; for a new major's first revision, the
 * latest of the nearest lower major (diffed for information: a new major may break).
 */
async function baseRevisionTx(tx: Tx, productId: string, apiVersionId: string, major: number) {
  const same = await tx.apiRevision.findFirst({ where: { apiVersionId }, orderBy: { number: "desc" } });
  if (same) return same;
  return tx.apiRevision.findFirst({
    where: { apiVersion: { productId, major: { lt: major } } },
    orderBy: [{ apiVersion: { major: "desc" } }, { number: "desc" }],
  });
}

/**
 * Stores a revision of <product>/v<major> inside the caller's transaction (the portal and the config
 * apply share it): equal content is the same revision (by hash); otherwise the next number, diffed
 * against the revision it succeeds with the changes and breaking count kept beside it.
 */
export async function createRevisionTx(
  tx: Tx,
  actor: Actor,
  input: { product: { id: string; key: string }; doc: TApiDocument; source: string; note: string },
): Promise<TRevisionRef> {
  const doc = ZApiDocument.parse(input.doc);
  if (doc.product !== input.product.key || !Number.isInteger(doc.major))
    throw new AppError("VALIDATION", `The document is for ${doc.product}/v${doc.major}, not ${input.product.key}.`);
  const version = await ensureApiVersionTx(tx, actor, input.product.id, input.product.key, doc.major);
  if (version.lifecycle === "retired")
    throw new AppError(
      "PRECONDITION_FAILED",
      `${apiItemKey(input.product.key, doc.major)} is retired; publish a new major version instead.`,
    );
  const contentHash = apiContentHash(doc);
  const same = await tx.apiRevision.findUnique({
    where: { apiVersionId_contentHash: { apiVersionId: version.id, contentHash } },
  });
  if (same)
    return {
      id: same.id,
      apiVersionId: version.id,
      number: same.number,
      semver: same.semver,
      contentHash,
      breakingCount: same.breakingCount,
      created: false,
    };
  // Serialise numbering per version (two uploads at once must not both take the next number).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.api-revision:${version.id}`}))`;
  const base = await baseRevisionTx(tx, input.product.id, version.id, doc.major);
  const changes: TApiChange[] = base
    ? await diffRevisionDocuments(
        { document: ZApiDocument.parse(base.document), source: base.source },
        { document: doc, source: input.source },
      )
    : [];
  const breakingCount = changes.filter((c) => c.severity === "breaking").length;
  const last = await tx.apiRevision.findFirst({
    where: { apiVersionId: version.id },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const info = (doc.openapi.info ?? {}) as { version?: unknown };
  const semver = typeof info.version === "string" ? info.version.slice(0, 64) : "";
  const created = await tx.apiRevision.create({
    data: {
      apiVersionId: version.id,
      number: (last?.number ?? 0) + 1,
      semver,
      contentHash,
      document: json(doc),
      source: input.source,
      baseRevisionId: base?.id ?? null,
      changes: json(changes),
      breakingCount,
      note: input.note,
      createdBy: actor.email,
    },
  });
  await appendAudit(tx, {
    actor,
    action: "api.revision.create",
    entityType: "ApiRevision",
    entityId: created.id,
    after: {
      key: apiItemKey(input.product.key, doc.major),
      number: created.number,
      semver,
      contentHash,
      baseRevisionId: base?.id ?? null,
      changes: changes.length,
      breakingCount,
    },
  });
  return {
    id: created.id,
    apiVersionId: version.id,
    number: created.number,
    semver,
    contentHash,
    breakingCount,
    created: true,
  };
}

/** "Line 12 (/paths/~1orders/get): ..." — what the form lists, each problem at its place. */
export const formatProblem = (p: { pointer: string; line: number | null; message: string }) =>
  `${p.line ? `Line ${p.line}` : "Document"}${p.pointer ? ` (${p.pointer})` : ""}: ${p.message}`;

/**
 * A revision from uploaded or pasted text (JSON or YAML). An invalid document is refused with every
 * problem at its location; a valid one gets the backend and auth settings from the form.
 */
export async function addApiRevision(actor: Actor, raw: unknown): Promise<TRevisionRef & { key: string }> {
  assertCan(actor, "api:edit");
  const input = ZAddApiRevision.parse(raw);
  const parsed = await parseOpenApiText(input.source);
  if (!parsed.ok) {
    const problems = parsed.problems.map(formatProblem);
    throw new AppError(
      "VALIDATION",
      `The OpenAPI document has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}; fix ${problems.length === 1 ? "it" : "them"} and upload again.`,
      { fieldErrors: { source: problems } },
    );
  }
  const doc: TApiDocument = {
    product: input.productKey,
    major: input.major,
    openapi: parsed.doc as Record<string, unknown>,
    backend:
      input.backendKind === "flow"
        ? { kind: "flow", flow: input.backendFlow! }
        : { kind: "http", url: input.backendUrl! },
    auth: input.jwksUrl ? { jwt: { jwksUrl: input.jwksUrl } } : {},
    syncTimeoutMs: input.syncTimeoutMs,
  };
  try {
    return await transaction(async (tx) => {
      const product = await tx.apiProduct.findUnique({ where: { key: input.productKey } });
      if (!product) throw new AppError("NOT_FOUND", `No API "${input.productKey}".`);
      if (product.archivedAt)
        throw new AppError("PRECONDITION_FAILED", `${product.name} is archived; restore it to add revisions.`);
      const ref = await createRevisionTx(tx, actor, { product, doc, source: input.source, note: input.note });
      return { ...ref, key: apiItemKey(product.key, input.major) };
    }, 30_000);
  } catch (error) {
    mapPrismaError(error, "API revision");
  }
}
