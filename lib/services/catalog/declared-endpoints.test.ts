import { describe, expect, it } from "vitest";
import { declaredEndpoints, queueKey } from "./declared-endpoints";

describe("declaredEndpoints", () => {
  it("reads inputs, outputs and enrich steps, normalized like observed endpoints", () => {
    const found = declaredEndpoints({
      input: { use: "poll_http", config: { url: "http://ERP.test:80/api/stock/12345?after=0" } },
      steps: [
        { id: "lookup", use: "enrich_http", config: { url: "'https://crm.test/customers/' & customerId" } },
        { id: "map", use: "transform_jsonata", config: { expression: "$" } },
      ],
      outputs: [
        { id: "crm", use: "http", config: { url: "https://crm.test/orders" } },
        { id: "fanout", use: "queue", config: { topic: "orders" } },
        {
          id: "db",
          use: "postgres_upsert",
          config: { table: "orders", connectionString: "postgres://u@db.test:5432/x" },
        },
        { id: "drop", use: "file", config: { directory: "/var/drop" } },
      ],
    });
    expect(found.map((e) => [e.direction, e.endpointKind, e.endpoint, e.via])).toEqual([
      ["inbound", "http", "http://erp.test/api/stock/{id}", "poll_http input"],
      ["inbound", "http", "https://crm.test/customers", "enrich_http step lookup"],
      ["outbound", "http", "https://crm.test/orders", "http output crm"],
      ["outbound", "queue", "topic/orders", "queue output fanout"],
      ["outbound", "postgres", "db.test/x/orders", "postgres output db"],
      ["outbound", "file", "/var/drop", "file output drop"],
    ]);
  });

  it("marks an HTTP input callable; a queue subscribed to a topic reads the topic, as the engine records it", () => {
    expect(declaredEndpoints({ input: { use: "http", config: { path: "/orders" } }, outputs: [] })).toEqual([
      { direction: "inbound", endpointKind: "http", endpoint: "/orders", via: "http input", isCallable: true },
    ]);
    expect(declaredEndpoints({ input: { use: "queue", config: { queue: "q1", topic: "t" } } })[0]).toMatchObject({
      endpointKind: "queue",
      endpoint: "topic/t",
    });
  });

  it("skips a host hidden in a placeholder and anything malformed", () => {
    const found = declaredEndpoints({
      input: { use: "http" },
      outputs: [
        { id: "a", use: "http", config: { url: "${vars.CRM_URL}/orders" } },
        { id: "b", use: "http", config: { url: "https://crm.test/${vars.PATH}" } },
        "nonsense",
      ],
    });
    expect(found.map((e) => e.endpoint)).toEqual(["https://crm.test/x"]);
    expect(declaredEndpoints(null)).toEqual([]);
  });

  it("keys queues by name whatever the transport prefix", () => {
    expect(queueKey("rabbitmq:orders")).toBe("orders");
    expect(queueKey("topic/orders")).toBe("topic/orders");
  });
});
