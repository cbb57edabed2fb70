import { randomBytes } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { TEngine } from "@/lib/engine/runtime/engine";
import {
  bootEngine,
  deployRunning,
  promValue,
  scrapeMetrics,
  startHttpTarget,
  stopEngineSuite,
  uniq,
} from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";

const dbUrl = useTestDatabase();
const id = (prefix: string) => `${prefix}-${randomBytes(6).toString("hex")}`;
const MINUTE = 60_000;

describe("brownout windows answer 503", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    target = await startHttpTarget();
    // A refresh interval far beyond the test: every change below is picked up by refresh() alone.
    engine = await bootEngine(dbUrl(), "postgres", { brownoutRefreshMs: 3_600_000 });
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, []);
    await target.close();
    await pool.end();
  });

  async function deploy(prefix: string) {
    const flowName = uniq(prefix);
    const d = await deployRunning(pool, flowName, {
      input: { use: "http", config: { path: `/${flowName}`, responseTimeoutMs: 5_000 } },
      outputs: [{ id: "target", use: "http", config: { url: target.url } }],
    });
    return { ...d, flowName };
  }

  async function retire(
    subjectKind: "flow" | "interface",
    subjectId: string,
    r: { deprecatedAt: Date; sunsetAt: Date; replacement?: string; status?: string; windows?: [Date, Date][] },
  ): Promise<string> {
    const retirementId = id("ret");
    await pool.query(
      `INSERT INTO "Retirement" ("id", "subjectKind", "subjectId", "subjectName", "status", "replacement", "deprecatedAt", "sunsetAt", "createdBy", "updatedAt")
       VALUES ($1, $2, $3, 'subject', $4::"RetirementStatus", $5, $6::timestamptz AT TIME ZONE 'UTC', $7::timestamptz AT TIME ZONE 'UTC', 'test', now())`,
      [
        retirementId,
        subjectKind,
        subjectId,
        r.status ?? "deprecated",
        r.replacement ?? "",
        r.deprecatedAt.toISOString(),
        r.sunsetAt.toISOString(),
      ],
    );
    for (const [start, end] of r.windows ?? [])
      await pool.query(
        `INSERT INTO "RetirementBrownout" ("id", "retirementId", "startsAt", "endsAt")
         VALUES ($1, $2, $3::timestamptz AT TIME ZONE 'UTC', $4::timestamptz AT TIME ZONE 'UTC')`,
        [id("bo"), retirementId, start.toISOString(), end.toISOString()],
      );
    await engine.retirements.refresh();
    return retirementId;
  }

  const post = (flowName: string, path = `/flows/${flowName}/dev`) =>
    fetch(`http://127.0.0.1:${engine.port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId: "A-1" }),
    });

  it("answers a deprecated flow inside a window with 503 problem+json and Retry-After until the window ends", async () => {
    const f = await deploy("brownout-now");
    const now = Date.now();
    const deprecatedAt = new Date(Math.floor((now - 86_400_000) / 1000) * 1000);
    const sunsetAt = new Date("2027-03-31T00:00:00Z");
    const endsAt = new Date(now + 5 * MINUTE);
    await retire("flow", f.flowId, {
      deprecatedAt,
      sunsetAt,
      replacement: "https://gateway.example/flows/orders-v2/dev",
      windows: [[new Date(now - MINUTE), endsAt]],
    });
    const received = target.received.length;
    const before = await scrapeMetrics(engine.port);
    const sentAt = Date.now();

    for (const path of [`/flows/${f.flowName}/dev`, `/api/dev/${f.flowName}`]) {
      const res = await post(f.flowName, path);
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const retryAfter = res.headers.get("retry-after")!;
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(Number(retryAfter)).toBeLessThanOrEqual(Math.ceil((endsAt.getTime() - sentAt) / 1000));
      expect(Number(retryAfter)).toBeGreaterThan(4 * 60);
      expect(res.headers.get("deprecation")).toBe(`@${deprecatedAt.getTime() / 1000}`);
      expect(res.headers.get("sunset")).toBe("Wed, 31 Mar 2027 00:00:00 GMT");
      expect(res.headers.get("link")).toBe('<https://gateway.example/flows/orders-v2/dev>; rel="successor-version"');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 503,
        code: "SERVICE_UNAVAILABLE",
        retryAfter: Number(retryAfter),
        brownoutEndsAt: endsAt.toISOString(),
        sunsetAt: sunsetAt.toISOString(),
        replacement: "https://gateway.example/flows/orders-v2/dev",
      });
      expect(body.detail).toContain("deprecated and in a brownout until");
      expect(body.detail).toContain("sunset on 2027-03-31");
      expect(body.detail).toContain("Use https://gateway.example/flows/orders-v2/dev instead.");
    }
    // Nothing reached the flow, and the rejections count like any other reply.
    expect(target.received.length).toBe(received);
    const after = await scrapeMetrics(engine.port);
    const labels = { flow: f.flowName, env: "dev", code: "503" };
    expect(promValue(after, "switchboard_gateway_requests_total", labels)).toBe(
      promValue(before, "switchboard_gateway_requests_total", labels) + 2,
    );
  });

  it("lets a deprecated flow answer outside its windows, with Deprecation and Sunset headers", async () => {
    const f = await deploy("brownout-outside");
    const now = Date.now();
    const deprecatedAt = new Date(Math.floor((now - 3_600_000) / 1000) * 1000);
    const sunsetAt = new Date("2027-01-15T12:30:00Z");
    await retire("flow", f.flowId, {
      deprecatedAt,
      sunsetAt,
      replacement: "the orders-v2 flow",
      windows: [
        [new Date(now - 30 * MINUTE), new Date(now - 20 * MINUTE)],
        [new Date(now + 20 * MINUTE), new Date(now + 30 * MINUTE)],
      ],
    });
    const res = await post(f.flowName);
    expect(res.status).toBe(200);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(res.headers.get("deprecation")).toBe(`@${deprecatedAt.getTime() / 1000}`);
    expect(res.headers.get("sunset")).toBe("Fri, 15 Jan 2027 12:30:00 GMT");
    // A replacement that is not a URL is only named in notices, never linked.
    expect(res.headers.get("link")).toBeNull();
    await res.arrayBuffer();
  });

  it("browns out every flow of a retired interface, and stops once the retirement is cancelled", async () => {
    const f = await deploy("brownout-interface");
    const other = await deploy("brownout-bystander");
    const systems = [id("sys"), id("sys")];
    for (const [i, sid] of systems.entries())
      await pool.query(
        `INSERT INTO "System" ("id", "name", "type", "hosting", "criticality", "updatedAt")
         VALUES ($1, $2, 'erp', 'cloud', 'medium', now())`,
        [sid, `${sid}-${i}`],
      );
    const interfaceId = id("if");
    await pool.query(
      `INSERT INTO "Interface" ("id", "name", "sourceSystemId", "targetSystemId", "mechanism", "payloadFormat", "frequency", "updatedAt")
       VALUES ($1, 'orders', $2, $3, 'api', 'json', 'real_time', now())`,
      [interfaceId, systems[0], systems[1]],
    );
    await pool.query(`UPDATE "Flow" SET "interfaceId" = $2 WHERE "id" = $1`, [f.flowId, interfaceId]);
    const now = Date.now();
    const retirementId = await retire("interface", interfaceId, {
      deprecatedAt: new Date(now - 86_400_000),
      sunsetAt: new Date(now + 30 * 86_400_000),
      windows: [[new Date(now - MINUTE), new Date(now + MINUTE)]],
    });

    const browned = await post(f.flowName);
    expect(browned.status).toBe(503);
    expect(Number(browned.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    await browned.arrayBuffer();
    const bystander = await post(other.flowName);
    expect(bystander.status).toBe(200);
    expect(bystander.headers.get("deprecation")).toBeNull();
    await bystander.arrayBuffer();

    await pool.query(`UPDATE "Retirement" SET "status" = 'cancelled', "cancelledAt" = now() WHERE "id" = $1`, [
      retirementId,
    ]);
    await engine.retirements.refresh();
    const resumed = await post(f.flowName);
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get("deprecation")).toBeNull();
    await resumed.arrayBuffer();
  });
});
