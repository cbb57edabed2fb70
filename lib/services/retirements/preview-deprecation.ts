import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { ZSubjectRef } from "@/lib/validation/retirements";
import { listConsumers, type TRetirementConsumer } from "./consumers";
import { openRetirementOf } from "./deprecate-subject";
import { retirementRecipients, type TRecipients } from "./recipients";
import { loadSubject, type TRetirementSubject } from "./subject";

export type TDeprecationPreview = TRecipients & {
  subject: Omit<TRetirementSubject, "flowIds">;
  consumers: TRetirementConsumer[];
  openRetirementId: string | null;
};

/** What deprecating would do, before anyone confirms: the consumers found and who would be told. */
export async function previewDeprecation(actor: Actor, raw: unknown): Promise<TDeprecationPreview> {
  assertCan(actor, "catalog:retire");
  const ref = ZSubjectRef.parse(raw);
  return transaction(async (tx) => {
    const subject = await loadSubject(tx, ref.kind, ref.id);
    const consumers = await listConsumers(tx, subject);
    const recipients = await retirementRecipients(tx, actor, subject, consumers);
    const open = await openRetirementOf(tx, subject);
    const { flowIds: _flowIds, ...shown } = subject;
    return { ...recipients, subject: shown, consumers, openRetirementId: open?.id ?? null };
  });
}
