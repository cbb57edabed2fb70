import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { checkDlqAlert, resolveDrainedDlqAlerts } from "@/lib/engine/runtime/dead-letters";
import type { TRunContext } from "@/lib/engine/runtime/context";
import { ZListQuery } from "@/lib/validation/list";
import { acknowledgeAlerts, alertStatusCounts, countOpenAlerts, listAlerts, resolveAlert } from ".";

const url = withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

const THRESHOLD = 3;
let pool: pg.Pool;
const flows: { id: string; name: string; versionId: string }[] = [];

const ctx = (i: number, environmentId = "env_dev"): TRunContext => ({
  flowId: flows[i].id,
  flowName: flows[i].name,
  flowVersionId: flows[i].versionId,
  environmentId,
  environmentKey: environmentId.replace("env_", ""),
  deploymentId: null,
});

// The engine writes dead letters; the tests stand in for it with plain inserts.
async function deadLetters(i: number, n: number, environmentId = "env_dev"): Promise<string[]> {
  const rows = await db().deadLetter.createManyAndReturn({
    data: Array.from({ length: n }, (_, k) => ({
      flowId: flows[i].id,
      flowVersionId: flows[i].versionId,
      environmentId,
      messageId: `m-${i}-${k}-${Math.random()}`,
      correlationId: "c",
      originalBody: "{}",
      contentType: "application/json",
      failedStep: "deliver",
      error: "HTTP 503",
    })),
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const alertsOf = (i: number) => db().alert.findMany({ where: { flowId: flows[i].id }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: url(), max: 2 });
  for (const name of ["orders-sync", "invoices-sync", "stock-sync"]) {
    const f = await db().flow.create({
      data: {
        name,
        createdBy: "test",
        versions: { create: { version: 1, spec: {}, contentHash: name, createdBy: "test" } },
      },
      include: { versions: true },
    });
    flows.push({ id: f.id, name, versionId: f.versions[0].id });
  }
});
afterAll(() => pool.end());

describe("raised by the engine", () => {
  it("acknowledging keeps the alert's openKey: the engine's next checks raise no duplicate", async () => {
    await deadLetters(0, THRESHOLD);
    expect(await checkDlqAlert(pool, ctx(0), THRESHOLD)).toBe(true);
    const [raised] = await alertsOf(0);
    expect(raised).toMatchObject({ kind: "dlq_growth", status: "open" });

    const ack = await acknowledgeAlerts(engineer, { ids: [raised.id] });
    expect(ack).toEqual({ done: [raised.id], skipped: [] });
    await deadLetters(0, 2);
    expect(await checkDlqAlert(pool, ctx(0), THRESHOLD)).toBe(false);
    expect(await checkDlqAlert(pool, ctx(0), THRESHOLD)).toBe(false);
    const after = await alertsOf(0);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: engineer.email,
      openKey: raised.openKey,
    });
    expect(after[0].acknowledgedAt).toBeInstanceOf(Date);

    const audit = await db().auditEntry.findMany({ where: { entityType: "Alert", entityId: raised.id } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([["alert.acknowledge", engineer.email]]);
  });

  it("an acknowledged alert still resolves itself when the channel drains", async () => {
    await db().deadLetter.updateMany({ where: { flowId: flows[0].id }, data: { status: "discarded" } });
    expect(await resolveDrainedDlqAlerts(pool)).toBe(1);
    const [a] = await alertsOf(0);
    expect(a).toMatchObject({ status: "resolved", openKey: null });
  });
});

describe("resolving by hand", () => {
  it("is refused while the channel still holds the threshold, since the engine would raise it again", async () => {
    const ids = await deadLetters(1, THRESHOLD + 1);
    await checkDlqAlert(pool, ctx(1), THRESHOLD);
    const [a] = await alertsOf(1);
    const refused = await rejection(resolveAlert(engineer, { id: a.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/4 dead letters are still waiting \(the alert threshold is 3\)/);
    const listed = (await listAlerts(viewer, ZListQuery.parse({ filters: { flow: flows[1].id } }))).rows[0];
    expect(listed).toMatchObject({ deadLetters: { waiting: 4, threshold: 3 } });
    expect(listed.resolveBlockedBy).toMatch(/still waiting/);

    // Below the threshold (the engine only resolves on an empty channel) it may be resolved; that frees
    // the openKey, so the condition coming back raises a new alert.
    await db().deadLetter.updateMany({ where: { id: { in: ids.slice(0, 2) } }, data: { status: "discarded" } });
    expect(
      (await listAlerts(viewer, ZListQuery.parse({ filters: { flow: flows[1].id } }))).rows[0].resolveBlockedBy,
    ).toBeNull();
    await resolveAlert(engineer, { id: a.id });
    expect((await alertsOf(1))[0]).toMatchObject({ status: "resolved", openKey: null });
    expect((await rejection(resolveAlert(engineer, { id: a.id }))).code).toBe("CONFLICT");
    await deadLetters(1, 1);
    expect(await checkDlqAlert(pool, ctx(1), THRESHOLD)).toBe(true);
    expect((await alertsOf(1)).map((x) => x.status)).toEqual(["resolved", "open"]);
    const audit = await db().auditEntry.findMany({ where: { entityType: "Alert", entityId: a.id } });
    expect(audit.map((x) => x.action)).toEqual(["alert.resolve"]);
  });

  it("resolves an alert of a kind without a dead-letter condition", async () => {
    const a = await db().alert.create({
      data: {
        kind: "latency_breach",
        flowId: flows[2].id,
        environmentId: "env_dev",
        message: "p95 over 2 s",
        openKey: "x",
      },
    });
    await resolveAlert(engineer, { id: a.id });
    expect(await db().alert.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "resolved",
      openKey: null,
    });
  });
});

describe("the inbox", () => {
  it("lists by status tab, severity, flow and search, newest first, with counts per tab", async () => {
    await db().alert.deleteMany({});
    const mk = (
      i: number,
      severity: "info" | "warning" | "critical",
      message: string,
      minutesAgo: number,
      env = "env_dev",
    ) =>
      db().alert.create({
        data: {
          kind: "dlq_growth",
          flowId: flows[i].id,
          environmentId: env,
          severity,
          message,
          openKey: `dlq_growth:${flows[i].id}:${env}`,
          createdAt: new Date(Date.now() - minutesAgo * 60_000),
        },
      });
    const a = await mk(0, "warning", "orders waiting", 30);
    const b = await mk(1, "critical", "invoices waiting", 10);
    const c = await mk(2, "warning", "stock waiting", 20);
    await mk(2, "info", "stock in test", 5, "env_test");
    await acknowledgeAlerts(engineer, { ids: [c.id] });

    const open = await listAlerts(viewer, ZListQuery.parse({}));
    expect(open.rows.map((r) => r.message)).toEqual(["stock in test", "invoices waiting", "orders waiting"]);
    expect(open.rows[1]).toMatchObject({ flowName: "invoices-sync", environmentKey: "dev", severity: "critical" });
    const acked = await listAlerts(viewer, ZListQuery.parse({ filters: { status: "acknowledged" } }));
    expect(acked.rows.map((r) => [r.id, r.acknowledgedBy])).toEqual([[c.id, engineer.email]]);
    expect(
      (await listAlerts(viewer, ZListQuery.parse({ filters: { severity: "critical" } }))).rows.map((r) => r.id),
    ).toEqual([b.id]);
    expect(
      (await listAlerts(viewer, ZListQuery.parse({ filters: { flow: flows[0].id } }))).rows.map((r) => r.id),
    ).toEqual([a.id]);
    // Search covers the flow's name as well as the message.
    expect((await listAlerts(viewer, ZListQuery.parse({ q: "INVOICES-SYNC" }))).rows.map((r) => r.id)).toEqual([b.id]);
    // An unknown tab falls back to open, and paging works.
    const paged = await listAlerts(viewer, ZListQuery.parse({ filters: { status: "bogus" }, pageSize: 2, page: 2 }));
    expect([paged.total, paged.rows.map((r) => r.id)]).toEqual([3, [a.id]]);

    expect(await alertStatusCounts(viewer, ZListQuery.parse({}))).toEqual({ open: 3, acknowledged: 1, resolved: 0 });
    expect(await alertStatusCounts(viewer, ZListQuery.parse({ q: "stock" }))).toEqual({
      open: 1,
      acknowledged: 1,
      resolved: 0,
    });
    expect(await countOpenAlerts(viewer)).toEqual({ open: 3, critical: 1 });
  });

  it("acknowledges a page at once and says which it skipped", async () => {
    const open = (await listAlerts(viewer, ZListQuery.parse({}))).rows.map((r) => r.id);
    const acked = (await listAlerts(viewer, ZListQuery.parse({ filters: { status: "acknowledged" } }))).rows[0].id;
    const result = await acknowledgeAlerts(engineer, { ids: [...open, acked, "missing"].join(",") });
    expect(result.done.sort()).toEqual([...open].sort());
    expect(result.skipped).toEqual([
      { id: acked, reason: "already acknowledged" },
      { id: "missing", reason: "not found" },
    ]);
    expect(await alertStatusCounts(viewer, ZListQuery.parse({}))).toEqual({ open: 0, acknowledged: 4, resolved: 0 });
  });

  it("lets flow:read view and only flow:operate act", async () => {
    const [any] = (await listAlerts(viewer, ZListQuery.parse({ filters: { status: "acknowledged" } }))).rows;
    expect((await rejection(acknowledgeAlerts(viewer, { ids: [any.id] }))).code).toBe("FORBIDDEN");
    expect((await rejection(resolveAlert(viewer, { id: any.id }))).code).toBe("FORBIDDEN");
    await expect(acknowledgeAlerts(engineer, { ids: [] })).rejects.toThrow(/Select at least one alert/);
  });
});
