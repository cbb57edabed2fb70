import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { ZSubjectRef } from "@/lib/validation/retirements";

/** The subject's open retirement (for a link from its own page), or null. */
export async function findOpenRetirement(actor: Actor, raw: unknown): Promise<{ id: string; sunsetAt: Date } | null> {
  assertCan(actor, "catalog:read");
  const ref = ZSubjectRef.parse(raw);
  return db().retirement.findFirst({
    where: { subjectKind: ref.kind, subjectId: ref.id, status: "deprecated" },
    select: { id: true, sunsetAt: true },
  });
}
