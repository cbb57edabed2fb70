import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { nodeId } from "@/lib/catalog/graph-types";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZUpdateCatalogEntryInput, type TCatalogEntryRef } from "@/lib/validation/catalog";
import { appendAudit } from "../audit";
import { catalogNode } from "./describe-impact";
import { loadCatalogGraph } from "./load-graph";

const FIELDS = [
  "ownerId",
  "ownerName",
  "lifecycle",
  "tier",
  "docsUrl",
  "runbookUrl",
  "description",
  "assessmentIntervalDays",
] as const;

/** The thing an entry describes must be in the catalog: a system, a live flow, or a queue some flow uses. */
async function assertSubjectExists(tx: Tx, ref: TCatalogEntryRef): Promise<void> {
  const found =
    ref.kind === "system"
      ? (await tx.system.count({ where: { id: ref.key } })) > 0
      : ref.kind === "flow"
        ? (await tx.flow.count({ where: { id: ref.key, archivedAt: null } })) > 0
        : Boolean(catalogNode(await loadCatalogGraph(tx), nodeId(ref.kind, ref.key)));
  if (!found) throw new AppError("NOT_FOUND", `That ${ref.kind} is not in the catalog.`);
}

/** Sets an entry's owner, lifecycle, tier, links and assessment interval (upsert), audited. */
export async function updateCatalogEntry(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "catalog:edit");
  const input = ZUpdateCatalogEntryInput.parse(raw);
  const { kind, key, ...data } = input;
  await transaction(async (tx) => {
    await assertSubjectExists(tx, { kind, key });
    if (data.ownerId && !(await tx.user.count({ where: { id: data.ownerId, isActive: true } })))
      throw new AppError("VALIDATION", "Choose an active user as the owner.", {
        fieldErrors: { ownerId: ["That user does not exist or is deactivated."] },
      });
    const before = await tx.catalogEntry.findUnique({ where: { kind_key: { kind, key } } });
    if (before && FIELDS.every((f) => before[f] === data[f])) return;
    const saved = await tx.catalogEntry.upsert({
      where: { kind_key: { kind, key } },
      create: { kind, key, ...data },
      update: data,
    });
    const pick = (e: typeof saved) => Object.fromEntries(FIELDS.map((f) => [f, e[f]]));
    await appendAudit(tx, {
      actor,
      action: "catalog.entry.update",
      entityType: "CatalogEntry",
      entityId: saved.id,
      before: before ? { kind, key, ...pick(before) } : null,
      after: { kind, key, ...pick(saved) },
    });
  });
}
