import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction } from "@/lib/db";
import type { ChangeModel } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ZChangeModelInput, ZUpdateChangeModel } from "@/lib/validation/changes";
import { z } from "zod";
import { appendAudit } from "../audit";

export type TChangeModelRow = ChangeModel & { changeCount: number };

export async function listChangeModels(actor: Actor, opts: { activeOnly?: boolean } = {}): Promise<TChangeModelRow[]> {
  assertCan(actor, "change:read");
  const rows = await db().changeModel.findMany({
    where: opts.activeOnly ? { isActive: true } : undefined,
    orderBy: [{ isActive: "desc" }, { name: "asc" }],
    include: { _count: { select: { changes: true } } },
  });
  return rows.map(({ _count, ...m }) => ({ ...m, changeCount: _count.changes }));
}

const keyTaken = (key: string) =>
  new AppError("CONFLICT", `A change model with the key "${key}" exists.`, { fieldErrors: { key: ["Taken."] } });

export async function createChangeModel(actor: Actor, raw: unknown): Promise<ChangeModel> {
  assertCan(actor, "change:manage");
  const input = ZChangeModelInput.parse(raw);
  return transaction(async (tx) => {
    if (await tx.changeModel.findUnique({ where: { key: input.key } })) throw keyTaken(input.key);
    const model = await tx.changeModel.create({ data: input });
    await appendAudit(tx, {
      actor,
      action: "change.model.create",
      entityType: "ChangeModel",
      entityId: model.id,
      after: input,
    });
    return model;
  });
}

export async function updateChangeModel(actor: Actor, raw: unknown): Promise<ChangeModel> {
  assertCan(actor, "change:manage");
  const { id, ...input } = ZUpdateChangeModel.parse(raw);
  return transaction(async (tx) => {
    const before = await tx.changeModel.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "That change model does not exist.");
    if (input.key && input.key !== before.key && (await tx.changeModel.findUnique({ where: { key: input.key } })))
      throw keyTaken(input.key);
    const model = await tx.changeModel.update({ where: { id }, data: input });
    await appendAudit(tx, {
      actor,
      action: "change.model.update",
      entityType: "ChangeModel",
      entityId: id,
      before: { ...before },
      after: { ...model },
    });
    return model;
  });
}

/** A model that changes used is retired (isActive false), not deleted, so their history keeps its name. */
export async function deleteChangeModel(actor: Actor, raw: unknown): Promise<{ deleted: boolean }> {
  assertCan(actor, "change:manage");
  const { id } = z.object({ id: z.string().min(1) }).parse(raw);
  return transaction(async (tx) => {
    const before = await tx.changeModel.findUnique({
      where: { id },
      include: { _count: { select: { changes: true } } },
    });
    if (!before) throw new AppError("NOT_FOUND", "That change model does not exist.");
    const isUsed = before._count.changes > 0;
    if (isUsed) await tx.changeModel.update({ where: { id }, data: { isActive: false } });
    else await tx.changeModel.delete({ where: { id } });
    await appendAudit(tx, {
      actor,
      action: isUsed ? "change.model.retire" : "change.model.delete",
      entityType: "ChangeModel",
      entityId: id,
      before: { key: before.key, name: before.name, isActive: before.isActive },
      after: isUsed ? { isActive: false } : null,
    });
    return { deleted: !isUsed };
  });
}
