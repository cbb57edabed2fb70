// A live flow per source system (queue input → golden_record → queue output) on one engine: three
// systems send conflicting records of one customer; the golden record follows the configured
// precedence whatever the arrival order, its changes are published downstream on sb.master.customer,
// and a steward's unmerge restores each source to its own golden record.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { CUSTOMER_CONFIG } from "@/lib/quality/master/customer-config";
import { masterQueueName } from "@/lib/quality/master/store";
import { createMasterEntity, getGoldenRecordOrThrow, unmergeSourceRecords } from "@/lib/services/quality/master";
import { useTestDatabase } from "@/test/db";
import type { TEngine } from "../engine";
import { bootEngine, deployRunning, stopEngineSuite, uniq, waitFor } from "../test-harness";

const dbUrl = useTestDatabase();
const steward = systemActor("steward-test");

const SOURCES = {
  crm: {
    id: "C-100",
    changed: "2026-03-01T09:00:00Z",
    name: "Ann Smith",
    email: "ann.smith@example.com",
    phone: "+1 555 010 0100",
    street: "12 Main St",
    city: "Springfield",
  },
  erp: {
    id: "E-7",
    changed: "2026-05-01T09:00:00Z",
    name: "SMITH, ANN",
    email: "ANN.SMITH@example.com",
    phone: "555-010-0199",
    street: "12 Main Street, Suite 4",
    city: "Springfield IL",
    postalCode: "62701",
  },
  shop: {
    id: "S-42",
    changed: "2026-04-01T09:00:00Z",
    name: "Annie Smith",
    email: "ann.smith@example.com",
    phone: "(555) 010-0142",
    street: "12 Main St.",
    city: "Sprngfield",
    postalCode: "62701-0001",
  },
} as const;
type TSystem = keyof typeof SOURCES;

/** What the configuration says must win, attribute by attribute. */
const EXPECTED = {
  name: { value: "Ann Smith", system: "crm", rule: "source_priority" },
  email: { value: "ann.smith@example.com", system: "crm", rule: "trusted_source" },
  phone: { value: "555-010-0199", system: "erp", rule: "most_recent" },
  street: { value: "12 Main Street, Suite 4", system: "erp", rule: "most_complete" },
  city: { value: "Springfield IL", system: "erp", rule: "source_priority" },
  postalCode: { value: "62701", system: "erp", rule: "source_priority" },
};

const ORDERS: TSystem[][] = [
  ["crm", "erp", "shop"],
  ["shop", "erp", "crm"],
  ["erp", "shop", "crm"],
  ["shop", "crm", "erp"],
];

describe("golden records on a live flow", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  const queues: string[] = [];
  const inputs = {} as Record<TSystem, string>;
  const out = uniq("sb-test.master-out");
  const downstream: Message[] = [];

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    await createMasterEntity(steward, { key: "customer", name: "Customer", config: CUSTOMER_CONFIG });
    engine = await bootEngine(dbUrl(), "postgres");
    queues.push(out, masterQueueName("customer"));
    for (const system of Object.keys(SOURCES) as TSystem[]) {
      inputs[system] = uniq(`sb-test.master-${system}`);
      const flowName = uniq(`master-${system}`);
      queues.push(inputs[system], `sb.flow.${flowName}.dev`);
      await deployRunning(pool, flowName, {
        input: { use: "queue", config: { queue: inputs[system] } },
        steps: [
          {
            id: "golden",
            use: "golden_record",
            config: {
              entity: "customer",
              system,
              sourceId: "id",
              observedAt: "changed",
              attributes: {
                name: "name",
                email: "email",
                phone: "phone",
                street: "street",
                city: "city",
                postalCode: "postalCode",
              },
            },
          },
        ],
        outputs: [{ id: "out", use: "queue", config: { queue: out } }],
      });
    }
    const stop = new AbortController();
    await engine.transport.consume(
      masterQueueName("customer"),
      async (msg) => {
        downstream.push(msg);
      },
      { prefetch: 10, signal: stop.signal },
    );
    afterAll(() => stop.abort());
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await pool.end();
  });

  const count = async (sql: string) => Number((await pool.query(sql)).rows[0].n);

  async function send(system: TSystem) {
    const before = await count(`SELECT count(*) AS n FROM "MasterSourceRecord"`);
    await engine.transport.publish(inputs[system], createMessage({ body: SOURCES[system] }));
    await waitFor(
      async () => (await count(`SELECT count(*) AS n FROM "MasterSourceRecord"`)) === before + 1,
      `${system} record ingested`,
    );
  }

  async function activeGolden() {
    const r = await pool.query(
      `SELECT "id", "attributes", "provenance" FROM "MasterGoldenRecord" WHERE "status" = 'active'`,
    );
    return r.rows as {
      id: string;
      attributes: Record<string, unknown>;
      provenance: Record<string, { system: string; rule: string; sourceId: string; observedAt: string }>;
    }[];
  }

  it.each(ORDERS.map((o) => [o.join(" → "), o] as const))(
    "arrival order %s gives the configured precedence",
    async (_label, order) => {
      await pool.query(`TRUNCATE "MasterSourceRecord", "MasterGoldenRecord", "MasterReviewItem", "MasterHistory"`);
      for (const system of order) await send(system);
      const golden = await activeGolden();
      expect(golden).toHaveLength(1);
      const [g] = golden;
      for (const [attribute, want] of Object.entries(EXPECTED)) {
        expect(g.attributes[attribute], attribute).toBe(want.value);
        expect(g.provenance[attribute], attribute).toMatchObject({
          system: want.system,
          rule: want.rule,
          sourceId: SOURCES[want.system as TSystem].id,
          observedAt: new Date(SOURCES[want.system as TSystem].changed).toISOString(),
        });
      }
    },
  );

  it("publishes every change downstream, and an unmerge restores each source to its own golden record", async () => {
    const [g] = await activeGolden();
    const detail = await getGoldenRecordOrThrow(steward, g.id);
    expect(detail.sources.map((s) => s.system)).toEqual(["crm", "erp", "shop"]);
    await waitFor(
      () => downstream.some((m) => (m.body as { goldenId: string; version: number }).goldenId === g.id),
      "the golden record's changes on sb.master.customer",
    );

    const restored = await unmergeSourceRecords(steward, {
      goldenId: g.id,
      sourceRecordIds: detail.sources.map((s) => s.id),
    });
    expect(new Set(restored.restored.map((r) => r.goldenId)).size).toBe(3);
    const after = await activeGolden();
    expect(after).toHaveLength(3);
    for (const system of Object.keys(SOURCES) as TSystem[]) {
      const own = after.find((x) => x.provenance.name?.system === system);
      expect(own, system).toBeDefined();
      expect(own!.attributes.name).toBe(SOURCES[system].name);
      expect(new Set(Object.values(own!.provenance).map((p) => p.system))).toEqual(new Set([system]));
    }
    await waitFor(
      () =>
        downstream.some((m) => {
          const body = m.body as { change: string; goldenId: string };
          return body.change === "unmerged" && body.goldenId === g.id;
        }),
      "unmerge changes published downstream",
    );
    const history = await getGoldenRecordOrThrow(steward, g.id);
    expect(history.history[0]).toMatchObject({ action: "unmerge" });

    // A new update from a restored source stays on its own golden record (the steward's split stands).
    await engine.transport.publish(
      inputs.shop,
      createMessage({ body: { ...SOURCES.shop, changed: "2026-06-01T00:00:00Z", city: "Springfield" } }),
    );
    await waitFor(
      async () =>
        (await activeGolden()).some((x) => x.attributes.city === "Springfield" && x.provenance.city?.system === "shop"),
      "shop update applied",
    );
    expect(await activeGolden()).toHaveLength(3);
  });
});
