import "server-only";
import bcrypt from "bcryptjs";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import type { TRole } from "@/lib/auth/permissions";
import { db, Prisma, transaction } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { ZCreateUserInput, ZResetPasswordInput, ZSignInInput, ZUpdateUserInput } from "@/lib/validation/users";
import { appendAudit } from "./audit";
import { clearRateLimit, hitRateLimit } from "./rate-limit";

const BCRYPT_COST = 11;
// Compared against when the email is unknown, so both paths cost one bcrypt check (cost 11).
const DUMMY_HASH = "$2b$11$AIBvtFuqUg6M1zTfiztqTeQ1ovV8Jra4C.Vg//UgM.yfmRrTMWdj6";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: TRole;
  isActive: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  isActive: true,
  lastLoginAt: true,
  createdAt: true,
} as const;
type PublicUser = Prisma.UserGetPayload<{ select: typeof publicFields }>;

function toRow(u: PublicUser): UserRow {
  return { ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() };
}

const SORTABLE = ["email", "name", "role", "createdAt", "lastLoginAt"] as const;

export async function listUsers(actor: Actor, query: TListQuery): Promise<ListResult<UserRow>> {
  assertCan(actor, "user:read");
  const and: Prisma.UserWhereInput[] = [];
  if (query.q) {
    and.push({
      OR: [{ email: { contains: query.q, mode: "insensitive" } }, { name: { contains: query.q, mode: "insensitive" } }],
    });
  }
  if (query.filters.role) and.push({ role: query.filters.role as TRole });
  if (query.filters.status === "active") and.push({ isActive: true });
  if (query.filters.status === "inactive") and.push({ isActive: false });
  const where = { AND: and };
  const sort = pickSort(query, SORTABLE, "email");
  const [rows, total] = await Promise.all([
    db().user.findMany({
      where,
      select: publicFields,
      orderBy: { [sort.field]: sort.dir },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().user.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
}

export async function getUserOrThrow(actor: Actor, id: string): Promise<UserRow> {
  assertCan(actor, "user:read");
  const user = await db().user.findUnique({ where: { id }, select: publicFields });
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
  return toRow(user);
}

export async function createUser(actor: Actor, raw: unknown): Promise<UserRow> {
  assertCan(actor, "user:manage");
  const input = ZCreateUserInput.parse(raw);
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  try {
    return await transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: publicFields,
      });
      await appendAudit(tx, {
        actor,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        after: toRow(user),
      });
      return toRow(user);
    });
  } catch (error) {
    mapPrismaError(error, "user");
  }
}

export async function updateUser(actor: Actor, raw: unknown): Promise<UserRow> {
  assertCan(actor, "user:manage");
  const input = ZUpdateUserInput.parse(raw);
  if (input.userId === actor.id && (input.role !== "admin" || !input.isActive)) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "You cannot remove your own admin role or deactivate yourself; ask another admin.",
    );
  }
  return transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: publicFields });
    if (!before) throw new AppError("NOT_FOUND", "That user no longer exists.");
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { role: input.role, isActive: input.isActive },
      select: publicFields,
    });
    if (before.role === "admin" && (after.role !== "admin" || !after.isActive)) {
      // Serialised, so two admins demoting each other at once cannot both see the other as remaining.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard.admins'))`;
      const admins = await tx.user.count({ where: { role: "admin", isActive: true } });
      if (admins === 0) throw new AppError("PRECONDITION_FAILED", "At least one active admin must remain.");
    }
    await appendAudit(tx, {
      actor,
      action: "user.update",
      entityType: "User",
      entityId: after.id,
      before: toRow(before),
      after: toRow(after),
    });
    return toRow(after);
  });
}

export async function resetPassword(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "user:manage");
  const input = ZResetPasswordInput.parse(raw);
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  await transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!found) throw new AppError("NOT_FOUND", "That user no longer exists.");
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await appendAudit(tx, { actor, action: "user.reset_password", entityType: "User", entityId: input.userId });
  });
}

/**
 * The user behind a session, re-read on every request so a role change or deactivation applies at
 * once; a session issued before the last password change (older `sessionVersion`) has ended.
 * Sessions from before session versions existed count as version 0.
 */
export async function findActiveUser(id: string, sessionVersion = 0): Promise<UserRow | null> {
  const user = await db().user.findUnique({ where: { id }, select: { ...publicFields, sessionVersion: true } });
  return user && user.isActive && user.sessionVersion === sessionVersion ? toRow(user) : null;
}

/**
 * Checks credentials for sign-in. Throttled per email and per client address; a wrong password
 * and an unknown email take the same time and give the same answer.
 */
export async function authenticate(
  raw: unknown,
  clientIp: string,
): Promise<(UserRow & { sessionVersion: number }) | null> {
  const input = ZSignInInput.safeParse(raw);
  if (!input.success) return null;
  const { SIGNIN_MAX_ATTEMPTS, SIGNIN_WINDOW_SECONDS } = env();
  for (const key of [`signin:email:${input.data.email}`, `signin:ip:${clientIp}`]) {
    const limit = key.includes(":ip:") ? SIGNIN_MAX_ATTEMPTS * 4 : SIGNIN_MAX_ATTEMPTS;
    const hit = await hitRateLimit(key, limit, SIGNIN_WINDOW_SECONDS);
    if (!hit.allowed) {
      throw new AppError(
        "RATE_LIMITED",
        `Too many sign-in attempts. Try again in ${Math.ceil(hit.retryAfterSeconds / 60)} minute(s).`,
        {
          retryAfterSeconds: hit.retryAfterSeconds,
        },
      );
    }
  }
  const user = await db().user.findUnique({ where: { email: input.data.email } });
  const hash = user?.passwordHash ?? DUMMY_HASH;
  const matches = await bcrypt.compare(input.data.password, hash);
  if (!user || !matches || !user.isActive) return null;
  await clearRateLimit(`signin:email:${input.data.email}`);
  return transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { lastLoginAt: new Date() },
      select: publicFields,
    });
    const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role };
    await appendAudit(tx, { actor, action: "auth.sign_in", entityType: "User", entityId: user.id });
    return { ...toRow(updated), sessionVersion: user.sessionVersion };
  });
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}
