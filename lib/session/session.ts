import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { findActiveUser } from "@/lib/services/users";
import type { Actor } from "@/lib/auth/actor";
import { auth } from "./next-auth";
import { can, type TPermission } from "@/lib/auth/permissions";

/**
 * The signed-in user, re-read from the database: a deactivated user, a changed role or a password
 * reset (which ends older sessions) applies at once. Once per request (React cache).
 */
export const optionalSession = cache(async function optionalSession(): Promise<Actor | null> {
  const session = await auth();
  const sessionUser = session?.user as { id?: string; sessionVersion?: unknown } | undefined;
  if (!sessionUser?.id) return null;
  const user = await findActiveUser(
    sessionUser.id,
    typeof sessionUser.sessionVersion === "number" ? sessionUser.sessionVersion : 0,
  );
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
});

/** For server actions: throws UNAUTHENTICATED, which the action turns into a result. */
export async function requireSession(): Promise<Actor> {
  const actor = await optionalSession();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return actor;
}

/** For pages: sends anonymous visitors to sign-in and shows a 403 page for missing permissions. */
export async function requirePageAccess(permission: TPermission): Promise<Actor> {
  const actor = await optionalSession();
  if (!actor) redirect(await signInUrl());
  if (!can(actor.role, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return actor;
}

/** The sign-in page, with the path being visited as the place to return to. */
export async function signInUrl(): Promise<string> {
  const path = (await headers()).get("x-pathname");
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/signin")
    ? `/signin?callbackUrl=${encodeURIComponent(path)}`
    : "/signin";
}
