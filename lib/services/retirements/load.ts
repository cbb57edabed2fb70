import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { notifyUsers } from "../notifications";

export const retirementHref = (id: string) => `/catalog/retirements/${id}`;

/** Reads the retirement under a row lock, with its brownouts: edits and the retirement itself serialise. */
export async function lockRetirement(tx: Tx, retirementId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Retirement" WHERE id = ${retirementId} FOR UPDATE`;
  const retirement = await tx.retirement.findUnique({
    where: { id: retirementId },
    include: { brownouts: { orderBy: { startsAt: "asc" } } },
  });
  if (!retirement) throw new AppError("NOT_FOUND", "That retirement does not exist.");
  return retirement;
}

export type TLockedRetirement = Awaited<ReturnType<typeof lockRetirement>>;

/** Brownouts, the sunset and cancelling apply while the subject is deprecated, not after. */
export function assertOpen(r: TLockedRetirement, what: string): void {
  if (r.status !== "deprecated")
    throw new AppError("CONFLICT", `The retirement of ${r.subjectName} is ${r.status}; you can no longer ${what}.`);
}

/** The subject's catalog lifecycle follows its retirement; only flows have a catalog entry of their own. */
export async function setFlowLifecycle(
  tx: Tx,
  r: { subjectKind: string; subjectId: string },
  lifecycle: "production" | "deprecated" | "retired",
): Promise<string | null> {
  if (r.subjectKind !== "flow") return null;
  const before = await tx.catalogEntry.findUnique({
    where: { kind_key: { kind: "flow", key: r.subjectId } },
    select: { lifecycle: true },
  });
  await tx.catalogEntry.upsert({
    where: { kind_key: { kind: "flow", key: r.subjectId } },
    create: { kind: "flow", key: r.subjectId, lifecycle },
    update: { lifecycle },
  });
  return before?.lifecycle ?? null;
}

/** Tells those notified at deprecation about a later step (one notice each per step). */
export async function notifyFollowers(
  tx: Tx,
  actor: Actor,
  r: { id: string; notifiedUserIds: string[] },
  notice: { step: string; title: string; body?: string },
): Promise<number> {
  const ids = r.notifiedUserIds.filter((id) => id !== actor.id);
  return notifyUsers(tx, ids, {
    kind: "retirement",
    title: notice.title,
    body: notice.body,
    href: retirementHref(r.id),
    dedupeKey: `retirement:${r.id}:${notice.step}`,
  });
}
