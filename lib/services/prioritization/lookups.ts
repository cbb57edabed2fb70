import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import {
  lookupWords,
  ZCandidateLookupQuery,
  type TCandidateLookupQuery,
  type TLookupResult,
} from "@/lib/validation/lookup";

/** Candidates whose name contains every word of `q`, by name; the status is the option's detail. */
export async function searchCandidates(actor: Actor, raw: TCandidateLookupQuery): Promise<TLookupResult> {
  assertCan(actor, "candidate:read");
  const query = ZCandidateLookupQuery.parse(raw);
  const and: Prisma.IntegrationCandidateWhereInput[] = lookupWords(query.q).map((w) => ({
    name: { contains: w, mode: "insensitive" },
  }));
  if (query.excludeId) and.push({ id: { not: query.excludeId } });
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db().integrationCandidate.findMany({
      where,
      select: { id: true, name: true, status: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit,
    }),
    db().integrationCandidate.count({ where }),
  ]);
  return { options: rows.map((c) => ({ id: c.id, label: c.name, detail: c.status })), total };
}
