import { describe, expect, it } from "vitest";
import { gatewayEndpoint, inputEndpoint, outputEndpoint, postgresDatabase } from "./observed-endpoints";

const ENGINE_DB = "postgresql://engine:s3cret@db.internal:5432/switchboard";

describe("observed endpoints", () => {
  it.each([
    [
      { use: "http", config: { url: "https://User:pw@CRM.example:443/crm/orders/42?x=1" } },
      "http",
      "https://crm.example/crm/orders/{id}",
    ],
    [{ use: "queue", config: { queue: "orders.out" } }, "queue", "orders.out"],
    [{ use: "queue", config: { topic: "orders" } }, "queue", "topic/orders"],
    [{ use: "postgres_upsert", config: { table: "customers" } }, "postgres", "db.internal/switchboard/customers"],
    [
      {
        use: "postgres_upsert",
        config: { schema: "erp", table: "orders", connectionString: "postgres://u:p@wh:6543/dwh" },
      },
      "postgres",
      "wh:6543/dwh/erp.orders",
    ],
    [{ use: "file", config: { directory: "/var/drop/edi/" } }, "file", "/var/drop/edi"],
  ])("output %j → %s %s", (output, kind, endpoint) => {
    expect(outputEndpoint(output, ENGINE_DB)).toEqual({
      direction: "outbound",
      endpointKind: kind,
      endpoint,
      caller: "",
    });
  });

  it("never leaks credentials and skips what it cannot name", () => {
    expect(JSON.stringify(outputEndpoint({ use: "postgres_upsert", config: { table: "t" } }, ENGINE_DB))).not.toMatch(
      /s3cret|engine:/,
    );
    expect(outputEndpoint({ use: "postgres_upsert", config: { table: "t" } })).toBeNull();
    expect(outputEndpoint({ use: "something_new", config: {} }, ENGINE_DB)).toBeNull();
    expect(postgresDatabase("not a url")).toBeNull();
  });

  it.each([
    [
      { use: "poll_http", config: { url: "http://127.0.0.1:4100/erp/stock-changes" } },
      "http",
      "http://127.0.0.1:4100/erp/stock-changes",
    ],
    [{ use: "queue", config: { queue: "orders.in" } }, "queue", "orders.in"],
    [{ use: "queue", config: { queue: "billing.orders", topic: "orders" } }, "queue", "topic/orders"],
    [
      { use: "poll_sql", config: { query: "SELECT * FROM sales.orders WHERE updated_at > $1 LIMIT $2" } },
      "postgres",
      "db.internal/switchboard/sales.orders",
    ],
  ])("input %j → %s %s", (input, kind, endpoint) => {
    expect(inputEndpoint(input, ENGINE_DB)).toEqual({ direction: "inbound", endpointKind: kind, endpoint, caller: "" });
  });

  it("leaves the gateway-fed http input to the gateway's route", () => {
    expect(inputEndpoint({ use: "http", config: { path: "/orders" } }, ENGINE_DB)).toBeNull();
    expect(gatewayEndpoint("demo-erp-orders-to-crm", "prod")).toBe("/flows/demo-erp-orders-to-crm/prod");
  });
});
