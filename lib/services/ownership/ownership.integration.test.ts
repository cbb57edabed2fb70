import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import { createUser } from "@/lib/services/users";
import { listNotifications, unreadNotificationCount } from "./notifications";
import { pendingSignOffs, syncSignOffNotifications } from "./pending";
import {
  assignOwnership,
  attest,
  createDataDomain,
  listDomainOwnership,
  listProcessOwnership,
  registrySummary,
  scopeAttestation,
} from "./registry";

withTestDatabase();
const system = systemActor("test");
let owner: Actor;
let other: Actor;
let processId: string;
let ownershipId: string;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

beforeAll(async () => {
  const o = await createUser(system, {
    email: "owner@example.com",
    name: "Owner",
    role: "data_owner",
    password: "long-enough-pass",
  });
  const x = await createUser(system, {
    email: "other@example.com",
    name: "Other",
    role: "data_owner",
    password: "long-enough-pass",
  });
  owner = { id: o.id, email: o.email, name: o.name, role: o.role };
  other = { id: x.id, email: x.email, name: x.name, role: x.role };
  const dept = await db().department.create({ data: { name: "Sales" } });
  processId = (await db().businessProcess.create({ data: { name: "Quote to order", departmentId: dept.id } })).id;
  await db().businessProcess.create({ data: { name: "Unowned process", departmentId: dept.id } });
});

describe("ownership and attestation", () => {
  it("lists unowned items and notifies a newly assigned owner", async () => {
    const before = await registrySummary(system, day(0));
    expect(before.process.unowned).toBe(2);
    ownershipId = (
      await assignOwnership(system, {
        processId,
        ownerId: owner.id,
        stewardId: other.id,
        responsibilities: "Accuracy of order data",
        attestationPeriodDays: 90,
      })
    ).id;
    const list = await listProcessOwnership(system, ZListQuery.parse({ filters: { status: "unsigned" } }), day(0));
    expect(list.rows.map((r) => r.name)).toEqual(["Quote to order"]);
    expect((await listNotifications(owner)).map((n) => n.title)).toContain(
      'You are now owner of the process "Quote to order"',
    );
    const unowned = await listProcessOwnership(system, ZListQuery.parse({ filters: { status: "unowned" } }), day(0));
    expect(unowned.rows.map((r) => r.name)).toEqual(["Unowned process"]);
  });

  it("only the owner can sign off; it stays signed until expiry, then shows expired and pending", async () => {
    await expect(attest(other, { ownershipId }, day(1))).rejects.toThrow(/Only the accountable owner/);
    const { expiresAt } = await attest(owner, { ownershipId, statement: "Checked" }, day(1));
    expect(expiresAt).toBe(day(91).toISOString());

    const statusAt = async (t: Date) =>
      (await listProcessOwnership(system, ZListQuery.parse({ q: "Quote" }), t)).rows[0].status;
    expect(await statusAt(day(2))).toBe("signed");
    expect(await statusAt(day(90))).toBe("signed");
    expect(await statusAt(day(91))).toBe("expired");
    expect(await pendingSignOffs(owner, day(10))).toEqual([]);
    expect((await pendingSignOffs(owner, day(70)))[0]).toMatchObject({ status: "expiring", daysLeft: 21 });
    expect((await pendingSignOffs(owner, day(100)))[0]).toMatchObject({ status: "expired", name: "Quote to order" });
    expect((await registrySummary(system, day(100))).process).toMatchObject({ expired: 1, signed: 0 });
    expect(await scopeAttestation(system, { processId }, day(50))).toEqual({
      status: "signed",
      ownerId: owner.id,
      expiresAt: day(91).toISOString(),
    });
    expect((await scopeAttestation(system, { processId }, day(91))).status).toBe("expired");
  });

  it("reminds once per lapse, and renewing clears the reminder", async () => {
    expect(await syncSignOffNotifications(owner, day(100))).toBe(1);
    expect(await syncSignOffNotifications(owner, day(101))).toBe(0);
    const unread = await unreadNotificationCount(owner);
    await attest(owner, { ownershipId }, day(102));
    expect(await unreadNotificationCount(owner)).toBe(unread - 1);
    expect(await pendingSignOffs(owner, day(103))).toEqual([]);
    const rows = await listProcessOwnership(system, ZListQuery.parse({ filters: { status: "signed" } }), day(103));
    expect(rows.rows[0].expiresAt).toBe(day(192).toISOString());
  });

  it("tracks data domains the same way", async () => {
    const { id } = await createDataDomain(system, { key: "customer", name: "Customer" });
    await assignOwnership(system, { dataDomainId: id, ownerId: owner.id, stewardId: null, attestationPeriodDays: 30 });
    const rows = await listDomainOwnership(system, day(0));
    expect(rows[0]).toMatchObject({ name: "Customer", status: "unsigned", owner: "Owner", steward: null });
    await expect(
      assignOwnership(system, {
        processId,
        dataDomainId: id,
        ownerId: null,
        stewardId: null,
        attestationPeriodDays: 30,
      }),
    ).rejects.toThrow();
  });
});
