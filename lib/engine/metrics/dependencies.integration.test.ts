import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { demoFlowSpecs } from "@/lib/engine/demo/flows";
import { DemoSystems } from "@/lib/engine/demo/systems";
import { DEMO_CALLER_IDS, DEMO_FLOW_NAMES, startDemoTraffic } from "@/lib/engine/demo/traffic";
import type { TEngine } from "@/lib/engine/runtime/engine";
import { postgresDatabase } from "@/lib/engine/runtime/observed-endpoints";
import {
  bootEngine,
  deployRunning,
  startHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
} from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { ZFlowSpec } from "@/lib/validation/flow-spec";

const dbUrl = useTestDatabase();

type TDep = { direction: string; endpointKind: string; endpoint: string; caller: string; messages: number };

describe("observed dependencies appear after traffic runs through a demo flow", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let systems: DemoSystems;
  let demoBase = "";
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  let dropDir = "";
  const queues: string[] = [];

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    systems = new DemoSystems();
    demoBase = `http://127.0.0.1:${await systems.listen(0)}`;
    target = await startHttpTarget();
    dropDir = await mkdtemp(path.join(os.tmpdir(), "sb-deps-"));
    // Flushes only when the test asks, so each assertion sees exactly what it sent.
    engine = await bootEngine(dbUrl(), "postgres", { metricsFlushMs: 3_600_000 });
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await systems.close();
    await target.close();
    await rm(dropDir, { recursive: true, force: true });
    await pool.end();
  });

  async function dependencies(flowId: string): Promise<TDep[]> {
    const r = await pool.query<TDep>(
      `SELECT d."direction", d."endpointKind", d."endpoint", d."caller", d."messages"::int AS messages
       FROM "ObservedDependency" d WHERE d."flowId" = $1`,
      [flowId],
    );
    return sorted(r.rows);
  }

  /** Flushes until the flow's rows are `expected` (runs are recorded just after their deliveries land). */
  async function flushedTo(flowId: string, expected: TDep[]): Promise<void> {
    let last: TDep[] = [];
    try {
      await waitFor(async () => {
        await engine.runtime.flushMetrics();
        last = await dependencies(flowId);
        return JSON.stringify(last) === JSON.stringify(sorted(expected));
      }, "observed dependencies");
    } catch (error) {
      expect(last).toEqual(sorted(expected));
      throw error;
    }
  }

  it("records the demo ERP as caller of the orders flow and the demo CRM as its target, counting each message", async () => {
    const spec = demoFlowSpecs(demoBase)
      .map((s) => ZFlowSpec.parse(s))
      .find((s) => s.name === DEMO_FLOW_NAMES.ordersToCrm)!;
    const { name, ...rest } = spec;
    const d = await deployRunning(pool, name, rest);
    const lines: string[] = [];
    // Posts into dev and prod; only the orders flow is deployed, and only in dev: every other send is a
    // 404, which the traffic skips without a log line.
    const stop = startDemoTraffic({
      systems,
      gatewayUrl: `http://127.0.0.1:${engine.port}`,
      environments: ["dev", "prod"],
      intervalMs: 150,
      log: (l) => void lines.push(l),
    });
    try {
      await waitFor(() => systems.counts.crm.accepted >= 4, "orders to reach the demo CRM");
    } finally {
      stop();
    }
    // The last tick's requests are answered after their run (request-response): wait until no more arrive.
    let seen = -1;
    await waitFor(
      () => {
        const now = systems.counts.crm.accepted;
        const settled = now === seen;
        seen = now;
        return settled;
      },
      "the demo CRM to stop receiving",
      15_000,
      500,
    );
    const delivered = systems.received.crm.filter((r) => r.path === "/crm/orders").length;
    expect(systems.counts.crm).toMatchObject({ rejected: 0, unavailable: 0 });
    await flushedTo(d.flowId, [
      {
        direction: "inbound",
        endpointKind: "http",
        endpoint: `/flows/${DEMO_FLOW_NAMES.ordersToCrm}/dev`,
        caller: DEMO_CALLER_IDS.erp,
        messages: delivered,
      },
      {
        direction: "outbound",
        endpointKind: "http",
        endpoint: `${demoBase}/crm/orders`,
        caller: "",
        messages: delivered,
      },
    ]);
    expect(lines).toEqual([]);
    const prod = await pool.query(
      `SELECT 1 FROM "ObservedDependency" d JOIN "Environment" e ON e."id" = d."environmentId" WHERE e."key" = 'prod'`,
    );
    expect(prod.rowCount).toBe(0);
  });

  it("names every kind of endpoint, attributes fire-and-forget requests to their caller, and adds up across flushes", async () => {
    const queue = uniq("sb-test.deps");
    const producer = uniq("deps-producer");
    const consumer = uniq("deps-consumer");
    queues.push(queue, `sb.flow.${producer}.dev`, `sb.flow.${consumer}.dev`);
    await pool.query(`CREATE TABLE dep_sink (id text PRIMARY KEY, source text)`);
    const p = await deployRunning(pool, producer, {
      // Fire-and-forget: the request crosses the deployment's direct queue before it runs.
      input: { use: "http", config: { path: `/${producer}`, responseTimeoutMs: 0 } },
      outputs: [
        { id: "queue", use: "queue", config: { queue } },
        { id: "table", use: "postgres_upsert", config: { table: "dep_sink", keyColumns: ["id"] } },
        { id: "drop", use: "file", config: { directory: dropDir } },
      ],
    });
    const c = await deployRunning(pool, consumer, {
      input: { use: "queue", config: { queue } },
      steps: [
        {
          id: "lookup",
          use: "enrich_http",
          config: { url: `'${target.url}/customers/' & id`, into: "customer" },
        },
      ],
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
    });
    const send = async (id: string, headers: Record<string, string>, route = `/flows/${producer}/dev`) => {
      const res = await fetch(`http://127.0.0.1:${engine.port}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ id, source: "test" }),
      });
      expect(res.status).toBe(202);
      await res.arrayBuffer();
    };
    const erp = { "ce-source": DEMO_CALLER_IDS.erp };
    const partner = { "user-agent": "partner-app/2.1 (linux)" };
    await send("A-1", erp);
    await send("A-2", erp, `/api/dev/${producer}`);
    await send("A-3", erp);
    await send("B-1", partner);
    await send("B-2", partner);

    const database = postgresDatabase(dbUrl())!;
    const producerRows = (erpCalls: number, partnerCalls: number): TDep[] => {
      const total = erpCalls + partnerCalls;
      return [
        {
          direction: "inbound",
          endpointKind: "http",
          endpoint: `/flows/${producer}/dev`,
          caller: "partner-app",
          messages: partnerCalls,
        },
        {
          direction: "inbound",
          endpointKind: "http",
          endpoint: `/flows/${producer}/dev`,
          caller: DEMO_CALLER_IDS.erp,
          messages: erpCalls,
        },
        { direction: "outbound", endpointKind: "file", endpoint: dropDir, caller: "", messages: total },
        {
          direction: "outbound",
          endpointKind: "postgres",
          endpoint: `${database}/dep_sink`,
          caller: "",
          messages: total,
        },
        { direction: "outbound", endpointKind: "queue", endpoint: queue, caller: "", messages: total },
      ];
    };
    // The consumer got the producer's messages (headers and all) from its queue: no caller of its own.
    const consumerRows = (total: number): TDep[] => [
      { direction: "inbound", endpointKind: "queue", endpoint: queue, caller: "", messages: total },
      {
        direction: "outbound",
        endpointKind: "http",
        endpoint: normalizedTarget(target.url),
        caller: "",
        messages: total,
      },
      {
        direction: "outbound",
        endpointKind: "http",
        endpoint: `${normalizedTarget(target.url)}/customers/{id}`,
        caller: "",
        messages: total,
      },
    ];
    await flushedTo(p.flowId, producerRows(3, 2));
    await flushedTo(c.flowId, consumerRows(5));

    // A second batch adds to the same rows, after a flush in between.
    await send("A-4", erp);
    await flushedTo(p.flowId, producerRows(4, 2));
    await flushedTo(c.flowId, consumerRows(6));
    const seen = await pool.query<{ ok: boolean }>(
      `SELECT bool_and("firstSeenAt" <= "lastSeenAt" AND "lastSeenAt" <= now() AT TIME ZONE 'UTC') AS ok
       FROM "ObservedDependency" WHERE "flowId" = ANY($1)`,
      [[p.flowId, c.flowId]],
    );
    expect(seen.rows[0].ok).toBe(true);
  });
});

/** In one order on both sides (the database's collation need not sort like JavaScript). */
function sorted(rows: TDep[]): TDep[] {
  const key = (d: TDep) => `${d.direction}|${d.endpoint}|${d.caller}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The harness target's URL (http://127.0.0.1:<port>/in) as the catalog names it. */
function normalizedTarget(url: string): string {
  return url.replace(/\/$/, "");
}
