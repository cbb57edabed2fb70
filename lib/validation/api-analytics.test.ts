import { describe, expect, it } from "vitest";
import { apiAnalyticsParams, parseApiAnalyticsFilters } from "./api-analytics";

describe("parseApiAnalyticsFilters", () => {
  it("defaults to 7 days and 30 idle days", () => {
    expect(parseApiAnalyticsFilters({})).toEqual({ range: "7d", idle: 30 });
  });

  it("reads every filter from a record or URLSearchParams", () => {
    const raw = { product: "orders", version: "v_1", env: "prod", consumer: "c_1", range: "30d", idle: "14" };
    const expected = { ...raw, idle: 14 };
    expect(parseApiAnalyticsFilters(raw)).toEqual(expected);
    expect(parseApiAnalyticsFilters(new URLSearchParams(raw))).toEqual(expected);
    expect(parseApiAnalyticsFilters({ product: ["orders", "other"] })).toMatchObject({ product: "orders" });
  });

  it("drops a value that does not parse and keeps the rest", () => {
    expect(parseApiAnalyticsFilters({ range: "1y", idle: "0", product: "orders" })).toEqual({
      product: "orders",
      range: "7d",
      idle: 30,
    });
    expect(parseApiAnalyticsFilters({ idle: "9999", env: "" })).toEqual({ range: "7d", idle: 30 });
  });
});

describe("apiAnalyticsParams", () => {
  it("leaves defaults out and round-trips", () => {
    expect(apiAnalyticsParams({ range: "7d", idle: 30 }).toString()).toBe("");
    const p = apiAnalyticsParams({ version: "v_1", range: "24h", idle: 10 });
    expect(p.toString()).toBe("version=v_1&range=24h&idle=10");
    expect(parseApiAnalyticsFilters(p)).toEqual({ version: "v_1", range: "24h", idle: 10 });
  });
});
