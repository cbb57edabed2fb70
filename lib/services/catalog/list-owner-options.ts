import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";

export type TOwnerOption = { id: string; name: string; email: string };

/** Active users, for choosing an entry's owner and filtering by one (a few hundred at most). */
export async function listOwnerOptions(actor: Actor): Promise<TOwnerOption[]> {
  assertCan(actor, "catalog:read");
  return db().user.findMany({
    where: { isActive: true },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: 1000,
  });
}
