import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth";
import { db } from "@/lib/db";

/** Names for the plain user ids assessments keep (assignee, owners, who completed). */
export async function userNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** Who may own an action item: every active account, for the form's owner picker. */
export async function listAssessmentPeople(actor: Actor): Promise<{ id: string; name: string; role: string }[]> {
  assertCan(actor, "catalog:read");
  return db().user.findMany({
    where: { isActive: true },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}
