import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction } from "@/lib/db";
import { appendAudit } from "../audit";
import { attestationStatus, DAY_MS, isExpiringSoon } from "./attestation-status";

export const RENEWAL_WINDOW_DAYS = 30;

export type PendingSignOff = {
  ownershipId: string;
  scope: "process" | "data_domain";
  name: string;
  status: "unsigned" | "expired" | "expiring";
  expiresAt: string | null;
  daysLeft: number | null;
};

/** The actor's scopes that need a sign-off now: never signed, expired, or expiring within the window. */
export async function pendingSignOffs(actor: Actor, now = new Date()): Promise<PendingSignOff[]> {
  assertCan(actor, "ownership:read");
  if (!actor.id) return [];
  const owned = await db().ownership.findMany({
    where: { ownerId: actor.id },
    include: { attestations: { orderBy: { expiresAt: "desc" }, take: 1 }, dataDomain: { select: { name: true } } },
  });
  const processIds = owned.map((o) => o.processId).filter((v): v is string => Boolean(v));
  const processes = processIds.length
    ? await db().businessProcess.findMany({ where: { id: { in: processIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(processes.map((p) => [p.id, p.name]));
  const out: PendingSignOff[] = [];
  for (const o of owned) {
    const latest = o.attestations[0] ?? null;
    const status = attestationStatus(latest, now);
    const expiring = isExpiringSoon(latest, now, RENEWAL_WINDOW_DAYS);
    if (status === "signed" && !expiring) continue;
    const name = o.processId ? names.get(o.processId) : o.dataDomain?.name;
    if (!name) continue;
    out.push({
      ownershipId: o.id,
      scope: o.processId ? "process" : "data_domain",
      name,
      status: status === "signed" ? "expiring" : status,
      expiresAt: latest?.expiresAt.toISOString() ?? null,
      daysLeft: latest ? Math.ceil((latest.expiresAt.getTime() - now.getTime()) / DAY_MS) : null,
    });
  }
  const order = { expired: 0, unsigned: 1, expiring: 2 };
  return out.sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
}

/**
 * Creates one in-portal reminder per pending sign-off of the actor. The dedupe key includes the
 * expiry being renewed, so each lapse reminds once, however often this runs.
 */
export async function syncSignOffNotifications(actor: Actor, now = new Date()): Promise<number> {
  const pending = await pendingSignOffs(actor, now);
  if (pending.length === 0 || !actor.id) return 0;
  const userId = actor.id;
  const keys = pending.map(
    (p) => `attest:${p.ownershipId}:${p.status === "unsigned" ? "unsigned" : `${p.status}:${p.expiresAt}`}`,
  );
  const existing = new Set(
    (await db().notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map(
      (n) => n.dedupeKey,
    ),
  );
  const fresh = pending.map((p, i) => ({ p, key: keys[i] })).filter(({ key }) => !existing.has(key));
  if (fresh.length === 0) return 0;
  return transaction(async (tx) => {
    const created = await tx.notification.createMany({
      data: fresh.map(({ p, key }) => ({
        userId,
        kind: "sign_off_due",
        title:
          p.status === "unsigned"
            ? `Sign off ${p.name}: not signed yet`
            : p.status === "expired"
              ? `Sign off ${p.name}: the attestation expired`
              : `Sign off ${p.name}: expires in ${p.daysLeft} day(s)`,
        href: "/ownership",
        dedupeKey: key,
        createdAt: now,
      })),
      skipDuplicates: true,
    });
    if (created.count > 0) {
      await appendAudit(tx, {
        actor,
        action: "notification.sign_off_due",
        entityType: "User",
        entityId: userId,
        after: { count: created.count },
      });
    }
    return created.count;
  });
}
