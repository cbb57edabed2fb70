import path from "node:path";
import { readdirSync, statSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { can, ROLES, type TPermission, type TRole } from "@/lib/auth/permissions";
import { discoverActions, KNOWN_PERMISSIONS, PUBLIC_ACTIONS } from "./discover";

const root = path.resolve(__dirname, "../..");
const actions = discoverActions(root);
let currentRole: TRole = "viewer";

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(e) && !e.includes(".test.")) out.push(p);
  }
  return out;
}

// Input validation is bypassed (each schema returns its input as-is) so that every role reaches the
// authorization step; services are auto-mocked so an allowed call changes nothing.
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

beforeAll(() => {
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
  vi.doMock("@/lib/session/next-auth", () => ({
    auth: async () => ({ user: { id: `user-${currentRole}` } }),
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
    mocked.findActiveUser = async (id: string) => ({
      id,
      email: `${currentRole}@test`,
      name: currentRole,
      role: currentRole,
      isActive: true,
    });
    return mocked;
  });
});

afterEach(() => vi.clearAllMocks());

describe("server actions", () => {
  it("are discovered", () => {
    expect(actions.length).toBeGreaterThan(0);
  });

  it.each(actions.map((a) => [`${a.file} ${a.name}`, a] as const))(
    "%s authenticates and asserts a known permission",
    (_label, a) => {
      if (PUBLIC_ACTIONS.has(a.name)) return;
      expect(a.authenticates, "calls requireSession()").toBe(true);
      expect(a.permissions.length, 'calls assertPermission(user, "area:verb")').toBeGreaterThan(0);
      for (const p of a.permissions) expect(KNOWN_PERMISSIONS.has(p), `${p} is in PERMISSIONS`).toBe(true);
    },
  );

  const cases = actions
    .filter((a) => !PUBLIC_ACTIONS.has(a.name) && a.permissions.length)
    .flatMap((a) => ROLES.map((role) => [a.name, role, a] as const));

  it.each(cases)("%s as %s matches the permission map", async (_name, role, a) => {
    currentRole = role;
    const mod = (await import(/* @vite-ignore */ path.join(root, a.file))) as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const allowed = a.permissions.every((p) => can(role, p as TPermission));
    let result: unknown;
    // Form actions take (prevState, FormData); direct actions take one input object, here one whose
    // every field reads as a placeholder id.
    const fn = mod[a.name];
    const anyInput = new Proxy({}, { get: (_t, k) => (typeof k === "string" && k !== "then" ? "test-id" : undefined) });
    try {
      result = fn.length >= 2 ? await fn(null, new FormData()) : await fn(anyInput);
    } catch (error) {
      result = { thrown: String(error) };
    }
    const code = (result as { code?: string } | undefined)?.code;
    if (allowed) expect(["FORBIDDEN", "UNAUTHENTICATED"], JSON.stringify(result)).not.toContain(code);
    else expect(code, JSON.stringify(result)).toBe("FORBIDDEN");
  });
});
