import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { useTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authenticate, createUser, findActiveUser, listUsers, resetPassword, updateUser } from "@/lib/services/users";
import { ZListQuery } from "@/lib/validation/list";

useTestDatabase();
const system = systemActor("test");
const viewer: Actor = { id: "v", email: "v@example.com", name: "V", role: "viewer" };
const password = "long-enough-password";

async function auditCount(): Promise<number> {
  return db().auditEntry.count();
}

describe("users service", () => {
  it("refuses a role without user:manage and writes nothing", async () => {
    const before = await auditCount();
    await expect(
      createUser(viewer, { email: "x@example.com", name: "X", role: "viewer", password }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().user.count()).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it("names each bad field", async () => {
    const error = await createUser(system, { email: "nope", name: "", role: "wizard", password: "short" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZodError);
    const fields = (error as ZodError).issues.map((i) => i.path.join("."));
    expect(fields.sort()).toEqual(["email", "name", "password", "role"]);
  });

  it("reports a duplicate email as a conflict on the email field", async () => {
    await createUser(system, { email: "dup@example.com", name: "First", role: "viewer", password });
    const error = await createUser(system, {
      email: "DUP@example.com",
      name: "Second",
      role: "viewer",
      password,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect((error as AppError).fieldErrors?.email?.[0]).toMatch(/already in use/);
  });

  it("keeps at least one active admin", async () => {
    const admin = await createUser(system, { email: "only-admin@example.com", name: "Admin", role: "admin", password });
    await expect(updateUser(system, { userId: admin.id, role: "viewer", isActive: true })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect((await db().user.findUnique({ where: { id: admin.id } }))?.role).toBe("admin");
  });

  it("searches, filters and pages the list on the server", async () => {
    for (let i = 0; i < 12; i++)
      await createUser(system, { email: `page${i}@example.com`, name: `Page ${i}`, role: "executive", password });
    const page2 = await listUsers(
      system,
      ZListQuery.parse({ q: "page", filters: { role: "executive" }, sort: "email", pageSize: 5, page: 2 }),
    );
    expect(page2.total).toBe(12);
    // Sorted by email: page0, page1, page10, page11, page2 | page3 … page7 | …
    expect(page2.rows.map((r) => r.email)).toEqual([
      "page3@example.com",
      "page4@example.com",
      "page5@example.com",
      "page6@example.com",
      "page7@example.com",
    ]);
  });
});

describe("sign-in", () => {
  it("accepts the right password, audits the sign-in, and rejects a wrong one", async () => {
    await createUser(system, { email: "signin@example.com", name: "S", role: "viewer", password });
    expect(await authenticate({ email: "signin@example.com", password: "wrong-password" }, "10.0.0.1")).toBeNull();
    const ok = await authenticate({ email: "Signin@Example.com", password }, "10.0.0.1");
    expect(ok?.email).toBe("signin@example.com");
    const entry = await db().auditEntry.findFirst({ where: { action: "auth.sign_in" }, orderBy: { seq: "desc" } });
    expect(entry?.actorEmail).toBe("signin@example.com");
  });

  it("refuses an inactive user", async () => {
    const u = await createUser(system, { email: "gone@example.com", name: "Gone", role: "viewer", password });
    await updateUser(system, { userId: u.id, role: "viewer", isActive: false });
    expect(await authenticate({ email: "gone@example.com", password }, "10.0.0.2")).toBeNull();
  });

  it("ends sessions issued before a password reset; a new sign-in carries the new session version", async () => {
    const u = await createUser(system, { email: "reset@example.com", name: "R", role: "viewer", password });
    const first = await authenticate({ email: "reset@example.com", password }, "10.0.0.4");
    expect(first?.sessionVersion).toBe(0);
    expect(await findActiveUser(u.id, 0)).toMatchObject({ id: u.id });
    await resetPassword(system, { userId: u.id, password: "another-long-password" });
    expect(await findActiveUser(u.id, 0)).toBeNull(); // the session from before the reset
    const second = await authenticate({ email: "reset@example.com", password: "another-long-password" }, "10.0.0.4");
    expect(second?.sessionVersion).toBe(1);
    expect(await findActiveUser(u.id, 1)).toMatchObject({ id: u.id });
  });

  it("throttles repeated attempts for one email, even with the right password", async () => {
    await createUser(system, { email: "brute@example.com", name: "B", role: "viewer", password });
    for (let i = 0; i < 5; i++)
      expect(await authenticate({ email: "brute@example.com", password: `guess-${i}` }, "10.0.0.3")).toBeNull();
    await expect(authenticate({ email: "brute@example.com", password }, "10.0.0.3")).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});
