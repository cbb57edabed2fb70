import "server-only";

export { auth, handlers, signIn, signOut } from "./next-auth";
export { optionalSession, requirePageAccess, requireSession, signInUrl } from "./session";
export type { Actor } from "@/lib/auth/actor";
