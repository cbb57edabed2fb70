import "server-only";
import type { Tx } from "@/lib/db";
import { RULE_SETS_CHANNEL } from "@/lib/quality/rules/channel";

/** Call inside the transaction that changed a rule-set deployment: the engine hears it on commit. */
export async function notifyRuleSetsChanged(tx: Tx, environmentId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${RULE_SETS_CHANNEL}, ${environmentId})`;
}
