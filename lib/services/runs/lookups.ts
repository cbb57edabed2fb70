import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import { lookupWords, ZStepLookupQuery, type TLookupResult, type TStepLookupQuery } from "@/lib/validation/lookup";

/**
 * Distinct failed steps in the dead letter channel (optionally of one flow) containing every word of
 * `q`. Step names are few (they are the steps of the flows), so grouping them all is cheap; the
 * answer still says how many match beyond the first `limit`.
 */
export async function searchDeadLetterSteps(actor: Actor, raw: TStepLookupQuery): Promise<TLookupResult> {
  assertCan(actor, "flow:read");
  const query = ZStepLookupQuery.parse(raw);
  const and: Prisma.DeadLetterWhereInput[] = lookupWords(query.q).map((w) => ({
    failedStep: { contains: w, mode: "insensitive" },
  }));
  if (query.flowId) and.push({ flowId: query.flowId });
  const groups = await db().deadLetter.groupBy({
    by: ["failedStep"],
    where: { AND: and },
    orderBy: { failedStep: "asc" },
  });
  return {
    options: groups.slice(0, query.limit).map((g) => ({ id: g.failedStep, label: g.failedStep })),
    total: groups.length,
  };
}
