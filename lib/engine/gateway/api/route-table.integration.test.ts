import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { waitFor } from "@/lib/engine/runtime/test-harness";
import { PgListener } from "@/lib/engine/transports";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { RouteTable } from "./route-table";
import { deployRevision, issueKey, notifyGateways, seedApi, seedConsumer } from "./test-harness";
import { hashApiKey } from "@/lib/apis/keys";

const dbUrl = useTestDatabase();

const document = {
  openapi: { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} },
  backend: { kind: "http" as const, url: "${vars.UPSTREAM}/v1" },
};

describe("RouteTable", () => {
  let admin: ReturnType<typeof createPgPool>;
  beforeAll(() => {
    admin = createPgPool(dbUrl(), 2);
  });
  afterAll(async () => {
    await admin.end();
  });

  it("reloads on NOTIFY, keeps the last table when a reload fails, and logs a refused deployment once", async () => {
    const warnings: { msg?: string; obj: Record<string, unknown> }[] = [];
    const log = {
      info() {},
      warn: (obj: object, msg?: string) => warnings.push({ obj: obj as Record<string, unknown>, msg }),
      error() {},
    };
    await admin.query(
      `INSERT INTO "EnvironmentVariable" ("environmentId", "name", "value", "updatedAt") VALUES ('env_dev', 'UPSTREAM', 'http://erp.internal:8080', now())`,
    );
    const pool = createPgPool(dbUrl(), 2);
    const listener = new PgListener(dbUrl(), log);
    const table = new RouteTable(pool, { refreshMs: 3_600_000, log, listener });
    try {
      await table.start();
      expect(table.snapshot.routes.size).toBe(0);

      const api = await seedApi(pool, { product: "stock", document });
      const consumer = await seedConsumer(admin);
      const key = await issueKey(admin, consumer.consumerId, "dev", [api.apiVersionId]);
      await notifyGateways(admin);
      await waitFor(() => table.route(api.apiVersionId, "dev"), "the NOTIFY reload");
      // ${vars.NAME} in the backend URL is the environment's variable.
      expect(table.route(api.apiVersionId, "dev")!.upstreamUrl).toBe("http://erp.internal:8080/v1");
      expect(table.snapshot.keys.get(hashApiKey(key.secret))?.scopes.has(api.apiVersionId)).toBe(true);

      // Production without an approved change, and test without the variable: not served, each logged once.
      await deployRevision(admin, api.apiVersionId, api.revisionId, "prod");
      await deployRevision(admin, api.apiVersionId, api.revisionId, "test");
      await table.refresh();
      await table.refresh();
      expect(table.route(api.apiVersionId, "prod")).toBeUndefined();
      expect(table.route(api.apiVersionId, "test")).toBeUndefined();
      const refused = warnings.filter((w) => w.msg === "API deployment not served");
      expect(refused.map((w) => w.obj.api).sort()).toEqual(["stock/v1 r1 in prod", "stock/v1 r1 in test"]);
      expect(String(refused.find((w) => w.obj.api === "stock/v1 r1 in prod")!.obj.reason)).toMatch(
        /no approved change/,
      );
      expect(String(refused.find((w) => w.obj.api === "stock/v1 r1 in test")!.obj.reason)).toMatch(/UPSTREAM/);

      const before = table.snapshot;
      await pool.end();
      await expect(table.refresh()).rejects.toThrow();
      expect(table.snapshot).toBe(before);
      expect(table.route(api.apiVersionId, "dev")).toBeDefined();
      expect(warnings.at(-1)?.msg).toMatch(/keeping the last/);
    } finally {
      table.stop();
      await listener.close();
      await pool.end().catch(() => undefined);
    }
  });
});
