import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { apiItemKey } from "@/lib/apis/document";
import { db, transaction, type Prisma, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  API_LIFECYCLES,
  ZApiProductId,
  ZCreateApiProduct,
  ZUpdateApiProduct,
  type TApiLifecycle,
} from "@/lib/validation/apis";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../audit";
import { notifyApiGateway } from "./notify";

export type TApiProductRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  ownerId: string | null;
  ownerName: string;
  systemId: string | null;
  systemName: string | null;
  /** Each major version with its lifecycle, newest first. */
  versions: { major: number; lifecycle: TApiLifecycle }[];
  /** The most advanced lifecycle of any version: what the product is, to a reader of the list. */
  lifecycle: TApiLifecycle | "empty";
  isArchived: boolean;
  updatedAt: string;
};

async function assertReferences(tx: Tx, ownerId: string | null, systemId: string | null) {
  if (ownerId && !(await tx.user.findUnique({ where: { id: ownerId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "That owner does not exist.", { fieldErrors: { ownerId: ["Choose a person."] } });
  if (systemId && !(await tx.system.findUnique({ where: { id: systemId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "That system does not exist.", {
      fieldErrors: { systemId: ["Choose a system from the inventory."] },
    });
}

export async function createApiProduct(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  assertCan(actor, "api:edit");
  const input = ZCreateApiProduct.parse(raw);
  try {
    return await transaction(async (tx) => {
      await assertReferences(tx, input.ownerId, input.systemId);
      if (await tx.apiProduct.findUnique({ where: { key: input.key }, select: { id: true } }))
        throw new AppError("CONFLICT", `An API with the key "${input.key}" exists already.`, {
          fieldErrors: { key: ["This key is taken; choose another."] },
        });
      const product = await tx.apiProduct.create({
        data: {
          key: input.key,
          name: input.name,
          description: input.description,
          ownerId: input.ownerId,
          systemId: input.systemId,
          createdBy: actor.email,
        },
      });
      await appendAudit(tx, {
        actor,
        action: "api.product.create",
        entityType: "ApiProduct",
        entityId: product.id,
        after: { key: product.key, name: product.name, ownerId: product.ownerId, systemId: product.systemId },
      });
      return { id: product.id, key: product.key };
    });
  } catch (error) {
    mapPrismaError(error, "API");
  }
}

export async function updateApiProduct(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  assertCan(actor, "api:edit");
  const input = ZUpdateApiProduct.parse(raw);
  return transaction(async (tx) => {
    const before = await tx.apiProduct.findUnique({ where: { id: input.productId } });
    if (!before) throw new AppError("NOT_FOUND", "That API does not exist.");
    await assertReferences(tx, input.ownerId, input.systemId);
    const after = await tx.apiProduct.update({
      where: { id: before.id },
      data: { name: input.name, description: input.description, ownerId: input.ownerId, systemId: input.systemId },
    });
    await appendAudit(tx, {
      actor,
      action: "api.product.update",
      entityType: "ApiProduct",
      entityId: after.id,
      before: {
        name: before.name,
        description: before.description,
        ownerId: before.ownerId,
        systemId: before.systemId,
      },
      after: { name: after.name, description: after.description, ownerId: after.ownerId, systemId: after.systemId },
    });
    return { id: after.id, key: after.key };
  });
}

/**
 * Archives a product: it leaves the list and takes no new revisions. Refused while a version is still
 * published or deprecated (consumers may call it): retire those first.
 */
export async function archiveApiProduct(actor: Actor, raw: unknown): Promise<{ id: string; key: string }> {
  assertCan(actor, "api:edit");
  const { productId } = ZApiProductId.parse(raw);
  return transaction(async (tx) => {
    const product = await tx.apiProduct.findUnique({
      where: { id: productId },
      include: { versions: { select: { major: true, lifecycle: true } } },
    });
    if (!product) throw new AppError("NOT_FOUND", "That API does not exist.");
    if (product.archivedAt) throw new AppError("CONFLICT", `${product.name} is archived already.`);
    const live = product.versions.filter((v) => v.lifecycle === "published" || v.lifecycle === "deprecated");
    if (live.length)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${live.map((v) => apiItemKey(product.key, v.major)).join(", ")} ${live.length === 1 ? "is" : "are"} still served; deprecate and retire ${live.length === 1 ? "it" : "them"} before archiving ${product.name}.`,
      );
    const archivedAt = new Date();
    await tx.apiProduct.update({ where: { id: product.id }, data: { archivedAt } });
    await appendAudit(tx, {
      actor,
      action: "api.product.archive",
      entityType: "ApiProduct",
      entityId: product.id,
      before: { archivedAt: null },
      after: { archivedAt: archivedAt.toISOString() },
    });
    await notifyApiGateway(tx);
    return { id: product.id, key: product.key };
  });
}

const LIFECYCLE_RANK: Record<TApiLifecycle, number> = { published: 4, deprecated: 3, draft: 2, retired: 1 };

export function productLifecycle(versions: { lifecycle: TApiLifecycle }[]): TApiProductRow["lifecycle"] {
  if (!versions.length) return "empty";
  return [...versions].sort((a, b) => LIFECYCLE_RANK[b.lifecycle] - LIFECYCLE_RANK[a.lifecycle])[0]!.lifecycle;
}

const SORTABLE = ["name", "key", "updatedAt"] as const;

/**
 * Products with search (key, name, description), filters (lifecycle: any version in it; owner: a user
 * id or "none"; archived: "yes" to list archived ones) and server-side pagination.
 */
export async function listApiProducts(actor: Actor, query: TListQuery): Promise<ListResult<TApiProductRow>> {
  assertCan(actor, "api:read");
  const { field, dir } = pickSort(query, SORTABLE, "name");
  const lifecycle = (API_LIFECYCLES as readonly string[]).includes(query.filters.lifecycle ?? "")
    ? (query.filters.lifecycle as TApiLifecycle)
    : null;
  const owner = query.filters.owner;
  const where: Prisma.ApiProductWhereInput = {
    archivedAt: query.filters.archived === "yes" ? { not: null } : null,
    ...(query.q
      ? {
          OR: [
            { key: { contains: query.q, mode: "insensitive" } },
            { name: { contains: query.q, mode: "insensitive" } },
            { description: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(lifecycle ? { versions: { some: { lifecycle } } } : {}),
    ...(owner ? { ownerId: owner === "none" ? null : owner } : {}),
  };
  const [total, rows] = await Promise.all([
    db().apiProduct.count({ where }),
    db().apiProduct.findMany({
      where,
      orderBy: { [field]: dir },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: {
        system: { select: { name: true } },
        versions: { select: { major: true, lifecycle: true }, orderBy: { major: "desc" } },
      },
    }),
  ]);
  const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter(Boolean))] as string[];
  const owners = ownerIds.length
    ? await db().user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true, email: true } })
    : [];
  const ownerName = (id: string | null) => {
    const u = owners.find((o) => o.id === id);
    return u ? u.name || u.email : "";
  };
  return {
    rows: rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      description: r.description,
      ownerId: r.ownerId,
      ownerName: ownerName(r.ownerId),
      systemId: r.systemId,
      systemName: r.system?.name ?? null,
      versions: r.versions,
      lifecycle: productLifecycle(r.versions),
      isArchived: r.archivedAt !== null,
      updatedAt: r.updatedAt.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export type TPersonOption = { id: string; name: string; email: string };
export type TSystemOption = { id: string; name: string };

/** Who may own an API (active users) and which inventory systems may provide one, for the forms. */
export async function listApiFormOptions(actor: Actor): Promise<{ people: TPersonOption[]; systems: TSystemOption[] }> {
  assertCan(actor, "api:read");
  const [people, systems] = await Promise.all([
    db().user.findMany({
      where: { isActive: true },
      select: { id: true, name: true, email: true },
      orderBy: [{ name: "asc" }, { email: "asc" }],
    }),
    db().system.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { people, systems };
}
