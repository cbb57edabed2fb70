import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { systemActor } from "@/lib/auth/actor";
import { validateRulesProcessor } from "@/lib/engine/components/quality/validate-rules";
import { createRegistry } from "@/lib/engine/components";
import { defineComponent } from "@/lib/engine/core/contracts";
import type { RuleSetSource, TDeployedRuleSet } from "@/lib/engine/core/quality/rules";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { compileRuleSet, evaluateRecord, type TRuleSetDocumentInput } from "@/lib/quality/rules";
import { fixQuarantineEntry } from "@/lib/services/quality/quarantine";
import { computeSample } from "@/lib/services/quality/slas/math";
import type { TEngine } from "../engine";
import { bootEngine, deployRunning, startRecordingHttpTarget, stopEngineSuite, uniq, waitFor } from "../test-harness";

const dbUrl = useTestDatabase();

// The real validate_rules step, its rule set handed in directly: what is under test here is the
// quarantine (the engine's sink, the resubmit loop, the runner's resume) on a live deployed flow.
const ruleSets = new Map<string, TDeployedRuleSet>();
const staticRuleSets: RuleSetSource = { get: async (key) => ruleSets.get(key) ?? null };
const registry = createRegistry().add(
  defineComponent({
    ...validateRulesProcessor,
    name: "validate_rules_test",
    // The engine's own recorder stays: only the lookup of deployed rule sets is replaced.
    create: (config, deps) =>
      validateRulesProcessor.create(config, { ...deps, ruleSets: { ...deps.ruleSets, ...staticRuleSets } }),
  }),
);

function deployRuleSet(key: string, document: TRuleSetDocumentInput): TDeployedRuleSet {
  const rs = { key, versionId: uniq(`rsv-${key}`), version: 1, contentHash: uniq("hash"), document };
  ruleSets.set(key, rs);
  return rs;
}

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type TRecord = Record<string, unknown>;

/** Key order differs between JS objects and jsonb: compare records canonically. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as TRecord)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

// Twenty rules over an order, each with the edit that breaks it (and only it).
const RULES: { rule: TRuleSetDocumentInput["rules"][number]; breakIt: (r: TRecord) => void }[] = [
  { rule: { id: "id-required", field: "id", check: "required" }, breakIt: (r) => delete r.id },
  {
    rule: { id: "email-format", field: "email", check: "format", format: "email" },
    breakIt: (r) => (r.email = "nope"),
  },
  {
    rule: { id: "country-format", field: "country", check: "format", format: "country-alpha2" },
    breakIt: (r) => (r.country = "XX"),
  },
  {
    rule: { id: "currency-format", field: "currency", check: "format", format: "currency" },
    breakIt: (r) => (r.currency = "EURO"),
  },
  { rule: { id: "qty-range", field: "qty", check: "range", min: 1, max: 1000 }, breakIt: (r) => (r.qty = 0) },
  { rule: { id: "qty-integer", field: "qty", check: "type", type: "integer" }, breakIt: (r) => (r.qty = 2.5) },
  { rule: { id: "price-range", field: "price", check: "range", min: 0, max: 10000 }, breakIt: (r) => (r.price = -1) },
  { rule: { id: "price-number", field: "price", check: "type", type: "number" }, breakIt: (r) => (r.price = "12") },
  {
    rule: { id: "status-enum", field: "status", check: "enum", values: ["new", "paid", "shipped"] },
    breakIt: (r) => (r.status = "lost"),
  },
  {
    rule: { id: "sku-pattern", field: "sku", check: "pattern", pattern: "^SKU-[0-9]{4}$" },
    breakIt: (r) => (r.sku = "sku-1"),
  },
  { rule: { id: "name-length", field: "name", check: "length", min: 2, max: 40 }, breakIt: (r) => (r.name = "x") },
  { rule: { id: "name-required", field: "name", check: "required" }, breakIt: (r) => (r.name = null) },
  {
    rule: { id: "ordered-date", field: "orderedAt", check: "format", format: "date" },
    breakIt: (r) => (r.orderedAt = "2026-02-30"),
  },
  {
    rule: { id: "ordered-range", field: "orderedAt", check: "date_range", min: "2020-01-01", max: "2030-12-31" },
    breakIt: (r) => (r.orderedAt = "2019-12-31"),
  },
  {
    rule: { id: "iban-format", field: "iban", check: "format", format: "iban" },
    breakIt: (r) => (r.iban = "DE89370400440532013001"),
  },
  {
    rule: { id: "customer-uuid", field: "customerId", check: "format", format: "uuid" },
    breakIt: (r) => (r.customerId = "c-1"),
  },
  {
    rule: { id: "phone-format", field: "phone", check: "format", format: "phone-e164" },
    breakIt: (r) => (r.phone = "0171 1234567"),
  },
  {
    rule: { id: "line-sku", field: "lines[].sku", check: "required" },
    breakIt: (r) => delete (r.lines as TRecord[])[0].sku,
  },
  {
    rule: {
      id: "vat-when-eu",
      field: "vatId",
      check: "required",
      when: { field: "region", equals: "eu" },
    },
    breakIt: (r) => {
      r.region = "eu";
      delete r.vatId;
    },
  },
  {
    rule: {
      id: "total-matches",
      field: "total",
      check: "expression",
      expression: "$type(price) != 'number' or total = qty * price",
    },
    breakIt: (r) => (r.total = Number(r.total) + 1),
  },
];
const DOCUMENT: TRuleSetDocumentInput = { rules: RULES.map((r) => r.rule) };

function goodRecord(i: number): TRecord {
  const qty = 1 + (i % 9);
  const price = 10 + (i % 7);
  return {
    id: `ord-${i}`,
    email: `buyer${i}@example.com`,
    country: "DE",
    currency: "EUR",
    qty,
    price,
    total: qty * price,
    status: "paid",
    sku: `SKU-${String(1000 + (i % 9000)).padStart(4, "0")}`,
    name: `Buyer ${i}`,
    orderedAt: "2026-03-01",
    iban: "DE89370400440532013000",
    customerId: "8f14e45f-ceea-467f-a8f3-0b1d4f0e6c11",
    phone: "+491711234567",
    lines: [{ sku: "SKU-0001", qty: 1 }],
    region: "eu",
    vatId: "DE123456789",
  };
}

describe("quarantine on a live deployed flow", () => {
  let pool: pg.Pool;
  const engines: TEngine[] = [];
  const queues: string[] = [];
  beforeAll(() => {
    pool = createPgPool(dbUrl(), 3);
  });
  afterAll(async () => {
    for (const e of engines) await stopEngineSuite(e, pool, queues);
    await pool.end();
  });

  const post = (engine: TEngine, path: string, body: unknown) =>
    fetch(`http://127.0.0.1:${engine.port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("quarantines a bad record, resubmits its fix through the service, and the target gets it exactly once (rabbitmq)", async () => {
    const engine = await bootEngine(dbUrl(), "rabbitmq", { registry });
    engines.push(engine);
    const target = await startRecordingHttpTarget();
    const key = uniq("orders");
    deployRuleSet(key, {
      rules: [
        { id: "email-format", field: "email", check: "format", format: "email", message: "must be an email address" },
        { id: "qty-range", field: "qty", check: "range", min: 1, max: 100 },
      ],
    });
    const flowName = uniq("quarantine-rr");
    queues.push(`sb.flow.${flowName}.dev`);
    await deployRunning(pool, flowName, {
      input: { use: "http", config: { path: `/${flowName}` } },
      steps: [{ id: "validate", use: "validate_rules_test", config: { ruleSet: key } }],
      outputs: [{ id: "out", use: "http", config: { url: target.url } }],
    });

    const bad = { id: "A-1", email: "not-an-email", qty: 500 };
    await post(engine, `/flows/${flowName}/dev`, bad);
    await post(engine, `/flows/${flowName}/dev`, { id: "A-2", email: "ok@example.com", qty: 2 });
    const entry = await waitFor(async () => {
      const r = await pool.query(`SELECT * FROM "QuarantineEntry" WHERE "ruleSetKey" = $1`, [key]);
      return r.rows[0] as Record<string, unknown> | undefined;
    }, "the bad record in the quarantine");
    expect(entry.record).toEqual(bad);
    expect(entry.ruleIds).toEqual(["email-format", "qty-range"]);
    expect(entry.stepId).toBe("validate");
    expect(entry.status).toBe("pending");
    expect(entry.deploymentId).toBeTruthy();
    expect((entry.violations as { field: string; value: unknown }[]).map((v) => [v.field, v.value])).toEqual([
      ["email", "not-an-email"],
      ["qty", 500],
    ]);
    await waitFor(() => target.records.length === 1, "the good record at the target");
    expect(JSON.parse(target.records[0].body)).toMatchObject({ id: "A-2" });

    const fixed = { id: "A-1", email: "a1@example.com", qty: 50 };
    const res = await fixQuarantineEntry(systemActor("test"), {
      id: String(entry.id),
      record: JSON.stringify(fixed),
      recheck: false,
      resubmit: true,
    });
    expect(res.resubmitted).toBe(true);
    const first = await waitFor(async () => {
      const r = await pool.query(`SELECT "status", "resubmitMessageId" FROM "QuarantineEntry" WHERE "id" = $1`, [
        entry.id,
      ]);
      return r.rows[0]?.status === "resubmitted" ? (r.rows[0].resubmitMessageId as string) : null;
    }, "the resubmission published");
    await waitFor(() => target.records.length === 2, "the fixed record at the target");
    expect(JSON.parse(target.records[1].body)).toEqual(fixed);

    // A second delivery of the same resubmission (an engine that crashed after publishing, before
    // marking it): published again as a new message, the runner's resubmit claim filters it.
    await pool.query(`UPDATE "QuarantineEntry" SET "status" = 'resubmit_requested' WHERE "id" = $1`, [entry.id]);
    await pool.query(`SELECT pg_notify('switchboard_quarantine_resubmits', '')`);
    const second = await waitFor(async () => {
      const r = await pool.query(`SELECT "status", "resubmitMessageId" FROM "QuarantineEntry" WHERE "id" = $1`, [
        entry.id,
      ]);
      return r.rows[0]?.status === "resubmitted" && r.rows[0].resubmitMessageId !== first
        ? (r.rows[0].resubmitMessageId as string)
        : null;
    }, "the second publish");
    await waitFor(async () => {
      const r = await pool.query(`SELECT "status" FROM "MessageRun" WHERE "messageId" = $1`, [second]);
      return r.rows[0]?.status === "filtered";
    }, "the second delivery filtered as a duplicate");
    expect(target.records.filter((r) => JSON.parse(r.body).id === "A-1")).toHaveLength(1);
    await target.close();
  });

  it("quarantines every failing record of 3,000 with 3% violations over 20 rules, and none reaches the target (postgres)", async () => {
    const engine = await bootEngine(dbUrl(), "postgres", { registry });
    engines.push(engine);
    const target = await startRecordingHttpTarget();
    const key = uniq("orders20");
    deployRuleSet(key, DOCUMENT);
    const flowName = uniq("quarantine-bulk");
    queues.push(`sb.flow.${flowName}.dev`);
    await deployRunning(pool, flowName, {
      input: { use: "http", config: { path: `/${flowName}` } },
      steps: [{ id: "validate", use: "validate_rules_test", config: { ruleSet: key } }],
      outputs: [{ id: "out", use: "http", config: { url: target.url } }],
    });

    const random = mulberry32(14);
    const records: TRecord[] = [];
    for (let i = 0; i < 3000; i++) {
      const r = goodRecord(i);
      if (random() < 0.03) RULES[Math.floor(random() * RULES.length)].breakIt(r);
      records.push(r);
    }
    // What the pure evaluator says, record by record: the expected quarantine.
    const compiled = compileRuleSet(DOCUMENT, {
      evaluator: (await import("@/lib/engine/sandbox/evaluator")).sharedEvaluator(),
    });
    const failing = new Set<number>();
    for (let i = 0; i < records.length; i++)
      if ((await evaluateRecord(compiled, records[i])).some((v) => v.severity === "error")) failing.add(i);
    expect(failing.size).toBeGreaterThan(50);
    expect(failing.size).toBeLessThan(150);

    const BATCH = 100;
    for (let b = 0; b < records.length; b += BATCH) {
      const res = await post(engine, `/flows/${flowName}/dev`, records.slice(b, b + BATCH));
      expect(res.status).toBeLessThan(300);
    }
    const quarantined = await waitFor(
      async () => {
        const r = await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM "QuarantineEntry" WHERE "ruleSetKey" = $1`,
          [key],
        );
        return Number(r.rows[0].n) >= failing.size ? Number(r.rows[0].n) : null;
      },
      "every failing record quarantined",
      60_000,
    );
    expect(quarantined).toBe(failing.size);
    const delivered = await waitFor(
      () => {
        const n = target.records.reduce((s, r) => s + (JSON.parse(r.body) as unknown[]).length, 0);
        return n >= records.length - failing.size ? n : null;
      },
      "every passing record at the target",
      60_000,
    );
    expect(delivered).toBe(records.length - failing.size);

    // Identity: the quarantine holds exactly the records the evaluator failed, each once, with its position.
    const rows = await pool.query<{ record: TRecord; recordIndex: number; messageId: string }>(
      `SELECT "record", "recordIndex", "messageId" FROM "QuarantineEntry" WHERE "ruleSetKey" = $1`,
      [key],
    );
    const indexOf = new Map(records.map((r, i) => [canonical(r), i]));
    expect(indexOf.size).toBe(records.length);
    const got = rows.rows.map((r) => indexOf.get(canonical(r.record)));
    expect(got.sort((a, b) => a! - b!)).toEqual([...failing].sort((a, b) => a - b));
    for (const r of rows.rows) expect(indexOf.get(canonical(r.record))! % BATCH).toBe(r.recordIndex);
    const reached = new Set(target.records.flatMap((r) => (JSON.parse(r.body) as TRecord[]).map(canonical)));
    for (const i of failing) expect(reached.has(canonical(records[i]))).toBe(false);
    expect(reached.size).toBe(records.length - failing.size);
    await target.close();
  });

  it("counts a message whose records were all quarantined as filtered, so an SLA's accuracy counts it once", async () => {
    const engine = await bootEngine(dbUrl(), "postgres", { registry });
    engines.push(engine);
    const target = await startRecordingHttpTarget();
    const key = uniq("orders-sla");
    deployRuleSet(key, DOCUMENT);
    const flowName = uniq("quarantine-sla");
    queues.push(`sb.flow.${flowName}.dev`);
    const d = await deployRunning(pool, flowName, {
      input: { use: "http", config: { path: `/${flowName}` } },
      steps: [{ id: "validate", use: "validate_rules_test", config: { ruleSet: key } }],
      outputs: [{ id: "out", use: "http", config: { url: target.url } }],
    });
    const bad = goodRecord(1);
    RULES[1].breakIt(bad);
    for (const body of [[bad], [goodRecord(2)], [goodRecord(3)], [goodRecord(4)]])
      expect((await post(engine, `/flows/${flowName}/dev`, body)).status).toBeLessThan(300);
    const counts = await waitFor(async () => {
      const r = await pool.query<{ ok: number; failed: number; dl: number; filtered: number }>(
        `SELECT coalesce(sum("countOk"), 0)::int AS ok, coalesce(sum("countFailed"), 0)::int AS failed,
                coalesce(sum("countDeadLettered"), 0)::int AS dl, coalesce(sum("countFiltered"), 0)::int AS filtered
           FROM "MetricMinute" WHERE "flowId" = $1 AND "step" = ''`,
        [d.flowId],
      );
      const c = r.rows[0];
      return c.ok + c.failed + c.dl + c.filtered >= 4 ? c : null;
    }, "four runs in the minute rollups");
    expect(counts).toEqual({ ok: 3, failed: 0, dl: 0, filtered: 1 });
    const checks = await waitFor(async () => {
      const r = await pool.query<{ records: number; failed: number }>(
        `SELECT coalesce(sum("records"), 0)::int AS records, coalesce(sum("failed"), 0)::int AS failed
           FROM "QualityCheckMinute" WHERE "flowId" = $1`,
        [d.flowId],
      );
      return r.rows[0].records >= 4 ? r.rows[0] : null;
    }, "the validation counts");
    expect(checks).toEqual({ records: 4, failed: 1 });
    // The SLA's accuracy from these counts: 3 of 4 good, the quarantined one counted once (not also as failed).
    const sample = computeSample(
      { freshnessMaxAgeMinutes: null, accuracyTargetPct: 75 },
      {
        lastDeliveryMinute: new Date(),
        ok: counts.ok,
        failed: counts.failed,
        deadLettered: counts.dl,
        filtered: counts.filtered,
        validationChecked: checks.records,
        validationFailed: checks.failed,
      },
      new Date(),
    );
    expect(sample).toMatchObject({ received: 4, accuracyPct: 75, accuracyMet: true });
    await target.close();
  });
});
