import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { can, type TPermission } from "./permissions";

/** Fails closed: no actor or no grant means FORBIDDEN. Services call this too, not only actions. */
export function assertCan(actor: Actor | null | undefined, permission: TPermission): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!can(actor.role, permission)) {
    throw new AppError("FORBIDDEN", `Your role does not allow this (needs ${permission}).`);
  }
}
