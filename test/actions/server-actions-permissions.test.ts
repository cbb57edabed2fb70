import path from "node:path";
import { readdirSync, statSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { can, ROLES, type TPermission, type TRole } from "@/lib/auth/permissions";
import { discoverActions, KNOWN_PERMISSIONS, PUBLIC_ACTIONS } from "./discover";

const root = path.resolve(__dirname, "../..");
let currentRole: TRole | null = "viewer";

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(e) && !e.includes(".test.")) out.push(p);
  }
  return out;
}

// Input validation is bypassed (each schema returns its input as-is) so that every allowed role gets
// past parsing into the handler; services are auto-mocked so an allowed call changes nothing.
function passThrough(mod: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(mod)) {
    const isSchema = v && typeof v === "object" && typeof (v as { safeParse?: unknown }).safeParse === "function";
    out[k] = isSchema
      ? new Proxy(v as object, {
          get(target, prop, recv) {
            if (prop === "parse" || prop === "parseAsync") return (x: unknown) => x;
            if (prop === "safeParse" || prop === "safeParseAsync") return (x: unknown) => ({ success: true, data: x });
            return Reflect.get(target, prop, recv);
          },
        })
      : v;
  }
  return out;
}

// Allowed calls hit auto-mocked services and fail later; that noise is not what this test checks.
vi.doMock("@/lib/logger", () => {
  const silent = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn(), child: () => silent };
  return { logger: () => silent, requestLogger: () => silent, REDACT_PATHS: [] };
});
vi.doMock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));
// Sign-in imports next-auth itself, whose ESM build does not resolve outside Next; only its error class is used.
vi.doMock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.doMock("@/lib/session/next-auth", () => ({
  auth: async () => (currentRole ? { user: { id: `user-${currentRole}` } } : null),
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));
for (const f of files(path.join(root, "lib/validation"))) {
  const id = `@/${path.relative(root, f).replace(/\.tsx?$/, "")}`;
  vi.doMock(id, async (importOriginal) => passThrough(await importOriginal<Record<string, unknown>>()));
}
for (const f of files(path.join(root, "lib/services"))) {
  const id = `@/${path
    .relative(root, f)
    .replace(/\.tsx?$/, "")
    .replace(/\/index$/, "")}`;
  if (id === "@/lib/services/users") continue;
  vi.doMock(id);
}
vi.doMock("@/lib/services/users", async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const mocked: Record<string, unknown> = {};
  for (const k of Object.keys(real)) mocked[k] = vi.fn();
  mocked.findActiveUser = async (id: string) =>
    currentRole ? { id, email: `${currentRole}@test`, name: currentRole, role: currentRole, isActive: true } : null;
  return mocked;
});

const found = await discoverActions(root);
const guarded = found.filter((a) => !PUBLIC_ACTIONS.has(a.key));
type Action = (...args: unknown[]) => Promise<unknown>;

/** Calls an action the way its client does: forms with (previous state, FormData), others with one input. */
async function call(a: (typeof found)[number]): Promise<{ code?: string } | undefined> {
  // Every field of a direct action's input reads as a placeholder id.
  const anyInput = new Proxy({}, { get: (_t, k) => (typeof k === "string" && k !== "then" ? "test-id" : undefined) });
  const fn = a.fn as Action;
  try {
    return (await (a.meta?.form ? fn(null, new FormData()) : fn(anyInput))) as { code?: string } | undefined;
  } catch (error) {
    return { code: `threw: ${String(error)}` };
  }
}

afterEach(() => vi.clearAllMocks());

describe("server actions", () => {
  it("are discovered, forms and direct calls alike", () => {
    const keys = found.map((a) => a.key);
    expect(keys).toContain("app/(portal)/inventory/systems/actions.ts saveSystemAction");
    expect(keys).toContain("app/(portal)/inventory/systems/actions.ts deleteSystemAction");
    for (const key of PUBLIC_ACTIONS) expect(keys, "PUBLIC_ACTIONS names an existing action").toContain(key);
  });

  // The snapshot is the reviewed list of who may do what: changing an action's permission fails here
  // until the snapshot is updated on purpose (vitest -u), so the change shows up in review.
  it.each(guarded.map((a) => [a.key, a] as const))("%s declares a known permission", (_key, a) => {
    expect(a.meta, "built with action() or formAction() from lib/http/action-client").toBeDefined();
    expect(KNOWN_PERMISSIONS.has(a.meta!.permission), `${a.meta!.permission} is in PERMISSIONS`).toBe(true);
    expect(a.meta!.permission).toMatchSnapshot();
  });

  const declared = guarded.filter((a) => a.meta);

  it.each(declared.map((a) => [a.key, a] as const))("%s refuses a caller without a session", async (_key, a) => {
    currentRole = null;
    const result = await call(a);
    expect(result?.code, JSON.stringify(result)).toBe("UNAUTHENTICATED");
  });

  it.each(declared.flatMap((a) => ROLES.map((role) => [a.key, role, a] as const)))(
    "%s as %s matches the permission map",
    async (_key, role, a) => {
      currentRole = role;
      const result = await call(a);
      const code = result?.code;
      if (can(role, a.meta!.permission as TPermission)) {
        expect(["FORBIDDEN", "UNAUTHENTICATED"], JSON.stringify(result)).not.toContain(code);
      } else {
        expect(code, JSON.stringify(result)).toBe("FORBIDDEN");
      }
    },
  );
});
