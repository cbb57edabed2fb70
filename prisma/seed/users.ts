import type { Actor } from "../../lib/auth/actor";
import { createUser } from "../../lib/services/users";
import { db } from "../../lib/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";

export async function seedUsers(actor: Actor): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const exists = await db().user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (!exists) await createUser(actor, { ...account, password: DEMO_PASSWORD });
  }
}
