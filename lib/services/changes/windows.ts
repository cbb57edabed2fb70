import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Tx } from "@/lib/db";
import type { ChangeWindow } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ZChangeWindowInput, ZUpdateChangeWindow } from "@/lib/validation/changes";
import { appendAudit } from "../audit";
import { occurrencesBetween, parseRrule } from "./occurrences";

export type TChangeWindowRow = ChangeWindow & {
  systemName: string | null;
  environmentKey: string | null;
  /** The next occurrence from now, ISO; null when the rule has none left. */
  nextStart: string | null;
};

export async function listChangeWindows(actor: Actor, now = new Date()): Promise<TChangeWindowRow[]> {
  assertCan(actor, "change:read");
  const rows = await db().changeWindow.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: { system: { select: { name: true } }, environment: { select: { key: true } } },
  });
  return rows.map(({ system, environment, ...w }) => {
    const parsed = parseRrule(w.rrule);
    const next = "rule" in parsed ? parsed.rule.after(now, true) : null;
    return {
      ...w,
      systemName: system?.name ?? null,
      environmentKey: environment?.key ?? null,
      nextStart: next?.toISOString() ?? null,
    };
  });
}

async function checkWindow(
  tx: Tx,
  w: { kind?: string; rrule?: string; systemId?: string | null; environmentId?: string | null },
) {
  if (w.rrule !== undefined) {
    const parsed = parseRrule(w.rrule);
    if ("error" in parsed) throw new AppError("VALIDATION", parsed.error, { fieldErrors: { rrule: [parsed.error] } });
  }
  if (w.kind === "maintenance" && !w.systemId)
    throw new AppError("VALIDATION", "A maintenance window belongs to a system.", {
      fieldErrors: { systemId: ["Choose the system this window lets changes touch."] },
    });
  if (w.systemId && !(await tx.system.findUnique({ where: { id: w.systemId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "That system does not exist.", { fieldErrors: { systemId: ["Choose a system."] } });
  if (w.environmentId && !(await tx.environment.findUnique({ where: { id: w.environmentId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "That environment does not exist.", {
      fieldErrors: { environmentId: ["Choose an environment."] },
    });
}

export async function createChangeWindow(actor: Actor, raw: unknown): Promise<ChangeWindow> {
  assertCan(actor, "change:manage");
  const input = ZChangeWindowInput.parse(raw);
  return transaction(async (tx) => {
    await checkWindow(tx, input);
    const w = await tx.changeWindow.create({
      data: { ...input, systemId: input.systemId ?? null, environmentId: input.environmentId ?? null },
    });
    await appendAudit(tx, {
      actor,
      action: "change.window.create",
      entityType: "ChangeWindow",
      entityId: w.id,
      after: { ...w },
    });
    return w;
  });
}

export async function updateChangeWindow(actor: Actor, raw: unknown): Promise<ChangeWindow> {
  assertCan(actor, "change:manage");
  const { id, ...input } = ZUpdateChangeWindow.parse(raw);
  return transaction(async (tx) => {
    const before = await tx.changeWindow.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "That window does not exist.");
    await checkWindow(tx, { ...before, ...input });
    const w = await tx.changeWindow.update({ where: { id }, data: input });
    await appendAudit(tx, {
      actor,
      action: "change.window.update",
      entityType: "ChangeWindow",
      entityId: id,
      before: { ...before },
      after: { ...w },
    });
    return w;
  });
}

export async function deleteChangeWindow(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "change:manage");
  const { id } = z.object({ id: z.string().min(1) }).parse(raw);
  await transaction(async (tx) => {
    const before = await tx.changeWindow.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "That window does not exist.");
    await tx.changeWindow.delete({ where: { id } });
    await appendAudit(tx, {
      actor,
      action: "change.window.delete",
      entityType: "ChangeWindow",
      entityId: id,
      before: { ...before },
    });
  });
}

/** Occurrences of one rule in a range, for the window form's preview. */
export function previewWindow(rrule: string, durationMinutes: number, from: Date, to: Date) {
  const parsed = parseRrule(rrule);
  if ("error" in parsed) return { error: parsed.error, occurrences: [] };
  return { error: null, occurrences: occurrencesBetween(rrule, durationMinutes, from, to).slice(0, 50) };
}
