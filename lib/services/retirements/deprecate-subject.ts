import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Prisma, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { scheduleIssues, toFieldErrors, ZDeprecateInput } from "@/lib/validation/retirements";
import { appendAudit } from "../audit";
import { notifyUsers } from "../notifications";
import { listConsumers } from "./consumers";
import { retirementHref, setFlowLifecycle } from "./load";
import { retirementRecipients } from "./recipients";
import { loadSubject, type TRetirementSubject } from "./subject";
import { utc } from "./timeline";

export type TDeprecated = { id: string; consumers: number; notified: number; isFallback: boolean };

/** Serialises deprecations of one subject, so two people cannot open two retirements of it at once. */
export async function lockSubject(tx: Tx, kind: string, id: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`switchboard.retirement:${kind}:${id}`}))`;
}

/** The retirement still open for this subject, if any: one at a time. */
export async function openRetirementOf(tx: Tx, subject: { kind: string; id: string }) {
  return tx.retirement.findFirst({
    where: { subjectKind: subject.kind, subjectId: subject.id, status: "deprecated" },
    select: { id: true, deprecatedAt: true },
  });
}

async function assertDeprecatable(tx: Tx, subject: TRetirementSubject): Promise<void> {
  if (subject.isRetired) throw new AppError("CONFLICT", `The ${subject.label} is already retired.`);
  const open = await openRetirementOf(tx, subject);
  if (open)
    throw new AppError(
      "CONFLICT",
      `The ${subject.label} is already deprecated (since ${utc(open.deprecatedAt)}); change that retirement instead.`,
    );
}

/**
 * Deprecates a flow or an interface: lists its consumers (declared and observed), stores them with the
 * schedule (brownouts, sunset, quiet period), marks a flow deprecated in the catalog and tells the
 * consumers' owners, each once.
 */
export async function deprecateSubject(actor: Actor, raw: unknown, now = new Date()): Promise<TDeprecated> {
  assertCan(actor, "catalog:retire");
  const input = ZDeprecateInput.parse(raw);
  const issues = scheduleIssues({ sunsetAt: input.sunsetAt, brownouts: input.brownouts, now });
  if (issues.length) throw new AppError("VALIDATION", issues[0]!.message, { fieldErrors: toFieldErrors(issues) });
  return transaction(async (tx) => {
    await lockSubject(tx, input.subjectKind, input.subjectId);
    const subject = await loadSubject(tx, input.subjectKind, input.subjectId);
    await assertDeprecatable(tx, subject);
    const consumers = await listConsumers(tx, subject);
    const recipients = await retirementRecipients(tx, actor, subject, consumers);
    const notifiedUserIds = recipients.users.map((u) => u.id);
    const created = await tx.retirement.create({
      data: {
        subjectKind: subject.kind,
        subjectId: subject.id,
        subjectName: subject.name,
        reason: input.reason,
        replacement: input.replacement,
        deprecatedAt: now,
        sunsetAt: input.sunsetAt,
        quietDays: input.quietDays,
        consumers: consumers as unknown as Prisma.InputJsonValue,
        notifiedUserIds,
        createdBy: actor.email,
        brownouts: { create: input.brownouts.map((b) => ({ startsAt: b.startsAt, endsAt: b.endsAt })) },
      },
      select: { id: true },
    });
    const lifecycleBefore = await setFlowLifecycle(
      tx,
      { subjectKind: subject.kind, subjectId: subject.id },
      "deprecated",
    );
    const windows = input.brownouts.map((b) => `${utc(b.startsAt)} – ${utc(b.endsAt)}`);
    const notified = await notifyUsers(tx, notifiedUserIds, {
      kind: "retirement",
      title: `The ${subject.label} is deprecated; sunset ${utc(input.sunsetAt)}`,
      body: [
        input.reason,
        input.replacement ? `Move to: ${input.replacement}.` : "",
        windows.length ? `Brownouts (calls are answered 503): ${windows.join("; ")}.` : "",
      ]
        .filter(Boolean)
        .join(" "),
      href: retirementHref(created.id),
      dedupeKey: `retirement:${created.id}:deprecated`,
    });
    await appendAudit(tx, {
      actor,
      action: "retirement.deprecate",
      entityType: "Retirement",
      entityId: created.id,
      before: lifecycleBefore ? { lifecycle: lifecycleBefore } : null,
      after: {
        subject: `${subject.kind}:${subject.id}`,
        subjectName: subject.name,
        sunsetAt: input.sunsetAt.toISOString(),
        quietDays: input.quietDays,
        brownouts: windows.length,
        consumers: consumers.length,
        notified: notifiedUserIds.length,
        ...(subject.kind === "flow" ? { lifecycle: "deprecated" } : {}),
      },
    });
    return { id: created.id, consumers: consumers.length, notified, isFallback: recipients.isFallback };
  });
}
