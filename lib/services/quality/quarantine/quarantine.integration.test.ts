import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db, transaction } from "@/lib/db";
import type { TQuarantineEntry } from "@/lib/engine/core/quality/rules";
import { pgQuarantineSink } from "@/lib/engine/runtime/quality/quarantine";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { ruleSetConfigKind } from "../rules/config-item";
import { classifyField } from "../privacy";
import {
  fixQuarantineEntry,
  getQuarantineEntryOrThrow,
  listQuarantine,
  notifyNewQuarantines,
  rejectQuarantineEntries,
  runQuarantineBulkChunk,
  startQuarantineBulk,
} from "./index";
import { ZListQuery } from "@/lib/validation/list";

const dbUrl = useTestDatabase();

describe("quarantine review services", () => {
  let pool: pg.Pool;
  let owner: Actor;
  let other: Actor;
  let ctx: { flowId: string; flowName: string; flowVersionId: string; environmentId: string; environmentKey: string };

  const entry = (ruleSetKey: string, i: number, ruleId = "email-format"): TQuarantineEntry => ({
    stepId: "validate",
    ruleSetKey,
    ruleSetVersionId: "v-1",
    messageId: `m-${ruleSetKey}-${i}`,
    correlationId: `c-${i}`,
    inputId: `in-${i}`,
    recordIndex: i,
    record: { id: i, email: "bad" },
    violations: [{ ruleId, field: "email", value: "bad", message: "must be an email address" }],
    headers: {},
  });
  const put = (entries: TQuarantineEntry[]) => pgQuarantineSink(pool, { ...ctx, deploymentId: null }).put(entries);
  const statusCount = async (ruleSetKey: string, status: string) =>
    db().quarantineEntry.count({ where: { ruleSetKey, status: status as "pending" } });

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 2);
    const mk = (email: string) =>
      db().user.create({
        data: { email, name: email, passwordHash: "x", role: "data_owner" },
        select: { id: true, email: true, name: true, role: true },
      });
    owner = await mk("owner-q@example.com");
    other = await mk("other-q@example.com");
    const env = await db().environment.upsert({
      where: { key: "dev" },
      create: { key: "dev", name: "Development" },
      update: {},
    });
    const flow = await db().flow.create({ data: { name: `q-flow-${randomUUID().slice(0, 6)}`, createdBy: "test" } });
    const domain = await db().dataDomain.create({
      data: { key: `cust-${randomUUID().slice(0, 6)}`, name: "Customer" },
    });
    await db().ownership.create({ data: { dataDomainId: domain.id, ownerId: owner.id } });
    await db().flowDataDomain.create({ data: { flowId: flow.id, dataDomainId: domain.id } });
    ctx = { flowId: flow.id, flowName: flow.name, flowVersionId: "fv-1", environmentId: env.id, environmentKey: "dev" };
  });
  afterAll(() => pool.end());

  it("lists by rule, field and mine; a bulk reject takes exactly what matched at its start, in audited chunks", async () => {
    await put(Array.from({ length: 450 }, (_, i) => entry("bulk-a", i)));
    await put(Array.from({ length: 10 }, (_, i) => entry("bulk-b", i, "qty-range")));
    const q = (filters: Record<string, string>) => ZListQuery.parse({ filters });
    expect((await listQuarantine(owner, q({ ruleSet: "bulk-b", rule: "qty-range", field: "email" }))).total).toBe(10);
    expect((await listQuarantine(owner, q({ rule: "nope" }))).total).toBe(0);
    expect((await listQuarantine(owner, q({ mine: "1", ruleSet: "bulk-a" }))).total).toBe(450);
    expect((await listQuarantine(other, q({ mine: "1", ruleSet: "bulk-a" }))).total).toBe(0);

    const job = await startQuarantineBulk(owner, {
      filter: { q: "", filters: { ruleSet: "bulk-a" } },
      action: "reject",
      reason: "test data",
    });
    expect(job.total).toBe(450);
    // Arrives after the job started: not swept in.
    await put([entry("bulk-a", 999)]);
    await db().quarantineEntry.updateMany({
      where: { messageId: "m-bulk-a-999" },
      data: { createdAt: new Date(Date.now() + 60_000) },
    });
    let state = job;
    const progress: number[] = [];
    while (state.status === "running") {
      state = await runQuarantineBulkChunk(owner, { jobId: job.id });
      progress.push(state.done);
    }
    expect(progress).toEqual([200, 400, 450]);
    expect(state).toMatchObject({ status: "completed", done: 450, failed: 0 });
    expect(await statusCount("bulk-a", "rejected")).toBe(450);
    expect(await statusCount("bulk-a", "pending")).toBe(1);
    expect(await statusCount("bulk-b", "pending")).toBe(10);
    const audits = await db().auditEntry.groupBy({
      by: ["action"],
      where: { action: { startsWith: "quarantine." } },
      _count: { _all: true },
    });
    expect(Object.fromEntries(audits.map((a) => [a.action, a._count._all]))).toMatchObject({
      "quarantine.reject": 450,
      "quarantine.bulk_start": 1,
      "quarantine.bulk_complete": 1,
    });
    // A second chunk call on a finished job changes nothing.
    expect((await runQuarantineBulkChunk(owner, { jobId: job.id })).done).toBe(450);
  });

  it("a bulk resubmit never takes an entry twice, even one that fell back to pending meanwhile", async () => {
    await put(Array.from({ length: 250 }, (_, i) => entry("bulk-c", i)));
    const job = await startQuarantineBulk(owner, { filter: { filters: { ruleSet: "bulk-c" } }, action: "resubmit" });
    const first = await runQuarantineBulkChunk(owner, { jobId: job.id });
    expect(first.done).toBe(200);
    // The engine's publish failed for these: back to pending, as replays do.
    await db().quarantineEntry.updateMany({
      where: { ruleSetKey: "bulk-c", status: "resubmit_requested" },
      data: { status: "pending" },
    });
    // And someone rejected one of the rest by hand meanwhile.
    const rest = await db().quarantineEntry.findMany({
      where: { ruleSetKey: "bulk-c", bulkJobId: null },
      select: { id: true },
    });
    await rejectQuarantineEntries(other, { ids: [rest[0].id], reason: "duplicate order" });
    const last = await runQuarantineBulkChunk(owner, { jobId: job.id });
    expect(last).toMatchObject({ status: "completed", done: 249 });
    expect(await statusCount("bulk-c", "resubmit_requested")).toBe(49);
    expect(await statusCount("bulk-c", "pending")).toBe(200);
  });

  it("fix: refuses invalid JSON and a fix that still breaks the deployed rule set; saves and resubmits a passing one", async () => {
    const key = `fix-${randomUUID().slice(0, 6)}`;
    const kind = ruleSetConfigKind;
    const version = await transaction(async (tx) =>
      kind.ensureVersion(tx, owner, key, {
        rules: [{ id: "email-format", field: "email", check: "format", format: "email", severity: "error" }],
      }),
    );
    await transaction((tx) =>
      kind.deploy(tx, owner, { versionId: version.versionId, environmentId: ctx.environmentId }),
    );
    await put([{ ...entry(key, 1), ruleSetVersionId: version.versionId }]);
    const e = await db().quarantineEntry.findFirstOrThrow({ where: { ruleSetKey: key } });
    await expect(fixQuarantineEntry(owner, { id: e.id, record: "{ id: 1" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      fixQuarantineEntry(owner, { id: e.id, record: JSON.stringify({ id: 1, email: "still-bad" }) }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/still breaks 1 rule/) });
    const ok = await fixQuarantineEntry(owner, {
      id: e.id,
      record: JSON.stringify({ id: 1, email: "one@example.com" }),
      resubmit: true,
    });
    expect(ok).toMatchObject({ resubmitted: true, recheck: { violations: [] } });
    const after = await db().quarantineEntry.findUniqueOrThrow({ where: { id: e.id } });
    expect(after).toMatchObject({
      status: "resubmit_requested",
      fixedRecord: { id: 1, email: "one@example.com" },
      fixedBy: owner.email,
    });
  });

  it("shows a classified record masked to a viewer without quality:sensitive, who may not fix it", async () => {
    const flow = await db().flow.create({ data: { name: `q-pii-${randomUUID().slice(0, 6)}`, createdBy: "test" } });
    await classifyField(owner, {
      scopeKind: "flow",
      scopeId: flow.id,
      fieldPath: "email",
      level: "confidential",
      tags: ["PII"],
    });
    const key = `pii-${randomUUID().slice(0, 6)}`;
    await pgQuarantineSink(pool, { ...ctx, flowId: flow.id, flowName: flow.name, deploymentId: null }).put([
      {
        ...entry(key, 1),
        record: { id: 1, email: "ada@@example.com" },
        violations: [
          { ruleId: "email-format", field: "email", value: "ada@@example.com", message: "must be an email address" },
        ],
      },
    ]);
    const { id } = await db().quarantineEntry.findFirstOrThrow({ where: { ruleSetKey: key } });
    const engineer: Actor = { id: null, email: "eng-q@example.com", name: "Engineer", role: "integration_engineer" };
    const masked = await getQuarantineEntryOrThrow(engineer, id);
    expect(masked.isRecordMasked).toBe(true);
    expect(JSON.stringify([masked.record, masked.violations])).not.toContain("ada@@example.com");
    expect(masked.record).toMatchObject({ id: 1 });
    await expect(fixQuarantineEntry(engineer, { id, record: JSON.stringify(masked.record) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await db().quarantineEntry.findUniqueOrThrow({ where: { id } })).fixedRecord).toBeNull();
    const clear = await getQuarantineEntryOrThrow(owner, id);
    expect(clear).toMatchObject({ isRecordMasked: false, record: { id: 1, email: "ada@@example.com" } });
    expect(clear.violations[0].value).toBe("ada@@example.com");
  });

  it("tells the owners of new quarantines at most once an hour per rule set", async () => {
    await db().quarantineEntry.updateMany({ data: { notifiedAt: new Date() } });
    await put([entry("notify-a", 1), entry("notify-a", 2)]);
    const t0 = new Date(Date.now() + 1_000);
    expect(await notifyNewQuarantines(t0)).toBe(1);
    const notes = await db().notification.findMany({ where: { userId: owner.id!, kind: "quarantine" } });
    expect(notes.map((n) => n.title)).toEqual(["2 records quarantined by rule set notify-a"]);
    await put([entry("notify-a", 3)]);
    expect(await notifyNewQuarantines(new Date(t0.getTime() + 30 * 60_000))).toBe(0);
    expect(await notifyNewQuarantines(new Date(t0.getTime() + 61 * 60_000))).toBe(1);
    const later = await db().notification.findMany({
      where: { userId: owner.id!, kind: "quarantine" },
      orderBy: { createdAt: "asc" },
    });
    expect(later.at(-1)?.title).toBe("1 record quarantined by rule set notify-a");
  });
});
