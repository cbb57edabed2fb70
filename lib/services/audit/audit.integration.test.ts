import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { systemActor } from "@/lib/auth/actor";
import { createUser, updateUser } from "@/lib/services/users";
import { listAuditEntries, pinAuditQuery, verifyAuditChain } from "@/lib/services/audit";
import { ZListQuery } from "@/lib/validation/list";

const url = useTestDatabase();
const admin = systemActor("test");

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  await client.query(text);
  await client.end();
}

describe("audit chain", () => {
  it("appends a linked entry for every mutation and verifies clean", async () => {
    const a = await createUser(admin, {
      email: "a@example.com",
      name: "A",
      role: "viewer",
      password: "long-enough-pass",
    });
    await updateUser(admin, { userId: a.id, role: "executive", isActive: true });
    await createUser(admin, { email: "b@example.com", name: "B", role: "viewer", password: "long-enough-pass" });

    const list = await listAuditEntries(admin, ZListQuery.parse({ sort: "seq", dir: "asc" }));
    expect(list.rows.map((r) => r.action)).toEqual(["user.create", "user.update", "user.create"]);
    const update = list.rows[1];
    expect(update.before).toEqual({ role: "viewer" });
    expect(update.after).toEqual({ role: "executive" });
    expect(JSON.stringify(list.rows)).not.toContain("passwordHash");
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 3 });
  });

  it("pins an export to the trail as it was: entries appended meanwhile neither shift its pages nor repeat rows", async () => {
    const pinned = await pinAuditQuery(admin, ZListQuery.parse({ pageSize: 2 }));
    const page1 = await listAuditEntries(admin, { ...pinned, page: 1 });
    await createUser(admin, { email: "late@example.com", name: "Late", role: "viewer", password: "long-enough-pass" });
    const page2 = await listAuditEntries(admin, { ...pinned, page: 2 });
    expect([...page1.rows, ...page2.rows].map((r) => r.seq)).toEqual(["3", "2", "1"]);
    expect(page2.total).toBe(3);
    // Unpinned, the same second page now repeats a row of the first.
    expect((await listAuditEntries(admin, ZListQuery.parse({ pageSize: 2, page: 2 }))).rows.map((r) => r.seq)).toEqual([
      "2",
      "1",
    ]);
  });

  it("names the first tampered row when a row's content is edited", async () => {
    await sql(`UPDATE "AuditEntry" SET "actorEmail" = 'mallory@example.com' WHERE seq = 2`);
    const report = await verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report).toMatchObject({ brokenSeq: "2", checked: 1 });
  });

  it("detects a deleted row through the broken link", async () => {
    await sql(`UPDATE "AuditEntry" SET "actorEmail" = 'system:test' WHERE seq = 2`);
    expect((await verifyAuditChain()).ok).toBe(true);
    await sql(`DELETE FROM "AuditEntry" WHERE seq = 2`);
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: false, brokenSeq: "3" });
  });

  it("rolls back the change when the audit append fails, so nothing is half-written", async () => {
    await sql(`ALTER TABLE "AuditEntry" ADD CONSTRAINT no_new CHECK (seq < 4) NOT VALID`);
    await expect(
      createUser(admin, { email: "c@example.com", name: "C", role: "viewer", password: "long-enough-pass" }),
    ).rejects.toThrow();
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "User" WHERE email = 'c@example.com'`);
    await client.end();
    expect(rows[0].n).toBe(0);
  });
});
