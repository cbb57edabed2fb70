// Roles, permissions and the acting user: pure, so services, the engine, the CLI and client UI share them.
// Sessions (next-auth, requireSession) live in lib/session, which depends on lib/services; this folder must not.
export { systemActor, type Actor } from "./actor";
export { assertCan } from "./assert";
export * from "./permissions";
