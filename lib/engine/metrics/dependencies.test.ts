import { describe, expect, it } from "vitest";
import type { TObservedEndpoint } from "@/lib/engine/core/contracts";
import { DependencyAggregator, OVERFLOW } from "./dependencies";

type TRow = {
  flow: string;
  env: string;
  direction: string;
  kind: string;
  endpoint: string;
  caller: string;
  messages: number;
  first: number;
  last: number;
};

/** Records each flush's rows as the INSERT's arrays carry them; `failNext` makes the next flush throw. */
function fakeDb() {
  const flushes: TRow[][] = [];
  const state = { failNext: false };
  return {
    flushes,
    state,
    async query(_text: string, values?: unknown[]) {
      if (state.failNext) {
        state.failNext = false;
        throw new Error("connection lost");
      }
      const cols = values as unknown[][];
      flushes.push(
        cols[0].map((_, i) => ({
          flow: String(cols[0][i]),
          env: String(cols[1][i]),
          direction: String(cols[2][i]),
          kind: String(cols[3][i]),
          endpoint: String(cols[4][i]),
          caller: String(cols[5][i]),
          messages: Number(cols[6][i]),
          first: Number(cols[7][i]),
          last: Number(cols[8][i]),
        })),
      );
      return { rows: [], rowCount: cols[0].length };
    },
  };
}

const http = (endpoint: string, caller = ""): TObservedEndpoint => ({
  direction: caller ? "inbound" : "outbound",
  endpointKind: "http",
  endpoint,
  caller,
});

describe("DependencyAggregator", () => {
  it("adds up messages per flow, environment, direction, endpoint and caller, widening first/last seen", async () => {
    const db = fakeDb();
    const agg = new DependencyAggregator(db);
    agg.observe("f1", "dev", http("/flows/a/dev", "urn:erp"), 1, 2_000);
    agg.observe("f1", "dev", http("/flows/a/dev", "urn:erp"), 1, 1_000);
    agg.observe("f1", "dev", http("/flows/a/dev", "urn:crm"), 1, 1_500);
    agg.observe("f1", "dev", http("http://crm:4100/crm/orders"), 3, 3_000);
    agg.observe("f1", "prod", http("http://crm:4100/crm/orders"), 1, 3_000);
    agg.observe("f2", "dev", { direction: "inbound", endpointKind: "queue", endpoint: "orders.in" }, 1, 4_000);
    expect(await agg.flush()).toBe(5);
    const rows = db.flushes[0];
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.caller === "urn:erp")).toMatchObject({ messages: 2, first: 1_000, last: 2_000 });
    expect(rows.find((r) => r.env === "dev" && r.endpoint.startsWith("http"))).toMatchObject({
      direction: "outbound",
      kind: "http",
      caller: "",
      messages: 3,
    });
    expect(rows.find((r) => r.flow === "f2")).toMatchObject({ kind: "queue", endpoint: "orders.in", caller: "" });
    // Sorted by key, so engines flushing at once lock rows in the same order.
    const keys = rows.map((r) => [r.flow, r.env, r.direction, r.endpoint, r.caller].join("\u0000"));
    expect(keys).toEqual([...keys].sort());
    // A flush takes what it wrote: the next one starts from zero.
    expect(await agg.flush()).toBe(0);
    expect(db.flushes).toHaveLength(1);
  });

  it("merges the entries of a failed flush back, so the next flush writes them once", async () => {
    const db = fakeDb();
    const agg = new DependencyAggregator(db);
    agg.observe("f1", "dev", http("http://erp/erp/customers"), 2, 1_000);
    db.state.failNext = true;
    await expect(agg.flush()).rejects.toThrow("connection lost");
    agg.observe("f1", "dev", http("http://erp/erp/customers"), 1, 500);
    agg.observe("f1", "dev", http("http://erp/erp/customers"), 1, 5_000);
    expect(await agg.flush()).toBe(1);
    expect(db.flushes[0]).toEqual([
      expect.objectContaining({ endpoint: "http://erp/erp/customers", messages: 4, first: 500, last: 5_000 }),
    ]);
  });

  it("folds new callers and endpoints past the per-flow cap, logs once, and stays bounded", async () => {
    const db = fakeDb();
    const warnings: object[] = [];
    const agg = new DependencyAggregator(db, { maxKeysPerFlow: 3, log: { warn: (o) => void warnings.push(o) } });
    agg.observe("f1", "dev", http("/flows/a/dev", "urn:erp"));
    agg.observe("f1", "dev", http("http://crm/orders"));
    agg.observe("f1", "dev", http("http://erp/invoices"));
    // Cap reached: a flood of callers of the known input, and of unknown endpoints.
    for (let i = 0; i < 500; i++) {
      agg.observe("f1", "dev", http("/flows/a/dev", `ip:10.0.${i}.1`));
      agg.observe("f1", "dev", http(`http://host-${i}.example/x`));
    }
    // A key seen before the cap is still counted as itself.
    agg.observe("f1", "dev", http("http://crm/orders"));
    // Another flow has its own budget.
    agg.observe("f2", "dev", http("http://host-1.example/x"));
    expect(agg.size).toBe(6);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ flowId: "f1", environmentId: "dev", limit: 3 });
    await agg.flush();
    const rows = db.flushes[0].filter((r) => r.flow === "f1");
    const byKey = Object.fromEntries(rows.map((r) => [`${r.endpoint}|${r.caller}`, r.messages]));
    expect(byKey).toEqual({
      "/flows/a/dev|urn:erp": 1,
      [`/flows/a/dev|${OVERFLOW}`]: 500,
      "http://crm/orders|": 2,
      "http://erp/invoices|": 1,
      [`${OVERFLOW}|`]: 500,
    });
    // After the flush the cap still holds: a new endpoint keeps folding, without a second warning.
    agg.observe("f1", "dev", http("http://brand-new.example/y"));
    await agg.flush();
    expect(db.flushes[1]).toEqual([expect.objectContaining({ endpoint: OVERFLOW, messages: 1 })]);
    expect(warnings).toHaveLength(1);
  });
});
