import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { diff, entryHash, GENESIS_HASH } from "./hash";

// Fields never written to the audit trail, whatever the entity.
const SECRET_FIELDS = new Set(["passwordHash", "password", "secret", "token", "apiKey", "keyHash"]);

export type AuditInput = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/**
 * Where a write sends its audit entry: appendAudit itself, or a collector. A spreadsheet import
 * collects its entries and appends them after the last row, because appending takes the chain's lock
 * until commit and a long import must not hold it (stalling every other audited write) for thousands of rows.
 */
export type AuditWriter = (tx: Tx, entry: AuditInput) => Promise<void>;

function scrub(record: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!record) return null;
  return Object.fromEntries(Object.entries(record).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/**
 * Appends one hash-chained entry inside the caller's transaction, so the entry exists exactly
 * when the change commits. A transaction-scoped advisory lock serialises appends across processes.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard.audit_chain'))`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const changes = diff(scrub(input.before), scrub(input.after));
  const fields = {
    at: new Date(),
    actorId: input.actor.id,
    actorEmail: input.actor.email,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: changes.before,
    after: changes.after,
  };
  await tx.auditEntry.create({
    data: {
      ...fields,
      before: (fields.before ?? undefined) as object | undefined,
      after: (fields.after ?? undefined) as object | undefined,
      prevHash,
      hash: entryHash(prevHash, fields),
    },
  });
}
