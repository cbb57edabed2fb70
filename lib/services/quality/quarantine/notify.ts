import "server-only";
import { transaction } from "@/lib/db";
import { notifyUsers } from "../../notifications";

const HOUR_MS = 60 * 60_000;

/**
 * Tells the responsible data owners (the rule set's owner and the flows' data-domain owners) about new quarantines, at most once an hour per rule set: entries
 * not yet notified are counted per rule set, and a rule set whose owners heard within the hour waits
 * (its entries stay un-notified, so the next notice counts them). Run by the engine's scheduler.
 * Returns how many notifications were created.
 */
export async function notifyNewQuarantines(now = new Date()): Promise<number> {
  return transaction(async (tx) => {
    const groups = await tx.quarantineEntry.groupBy({
      by: ["ruleSetKey"],
      where: { notifiedAt: null, status: "pending" },
      _count: { _all: true },
    });
    let sent = 0;
    for (const g of groups) {
      const notice = await tx.quarantineNotice.findUnique({ where: { ruleSetKey: g.ruleSetKey } });
      if (notice && now.getTime() - notice.lastNotifiedAt.getTime() < HOUR_MS) continue;
      const flows = await tx.quarantineEntry.findMany({
        where: { notifiedAt: null, status: "pending", ruleSetKey: g.ruleSetKey },
        select: { flowId: true },
        distinct: ["flowId"],
      });
      const owners = await tx.ownership.findMany({
        where: {
          ownerId: { not: null },
          dataDomain: { flows: { some: { flowId: { in: flows.map((f) => f.flowId) } } } },
        },
        select: { ownerId: true },
      });
      const ruleSet = await tx.qualityRuleSet.findUnique({ where: { key: g.ruleSetKey }, select: { ownerId: true } });
      // The rule set's responsible owner first; the flows' data-domain owners too.
      const ownerIds = [...new Set([...(ruleSet ? [ruleSet.ownerId] : []), ...owners.map((o) => o.ownerId!)])];
      const n = g._count._all;
      sent += await notifyUsers(tx, ownerIds, {
        kind: "quarantine",
        title: `${n} record${n === 1 ? "" : "s"} quarantined by rule set ${g.ruleSetKey}`,
        body: "Records that failed validation wait in the quarantine for you to fix and resubmit, or reject.",
        href: `/quality/quarantine?f.ruleSet=${encodeURIComponent(g.ruleSetKey)}`,
        dedupeKey: `quarantine:${g.ruleSetKey}:${Math.floor(now.getTime() / HOUR_MS)}`,
      });
      await tx.quarantineNotice.upsert({
        where: { ruleSetKey: g.ruleSetKey },
        create: { ruleSetKey: g.ruleSetKey, lastNotifiedAt: now },
        update: { lastNotifiedAt: now },
      });
      await tx.quarantineEntry.updateMany({
        where: { notifiedAt: null, ruleSetKey: g.ruleSetKey, createdAt: { lte: now } },
        data: { notifiedAt: now },
      });
    }
    return sent;
  }, 60_000);
}
