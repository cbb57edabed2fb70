import { describe, expect, it } from "vitest";
import { deprecationHeaders, isGone, successorUrl } from "./deprecation";
import type { TApiVersionEntry } from "./route-types";

const v1: TApiVersionEntry = {
  id: "v1",
  product: "orders",
  major: 1,
  lifecycle: "deprecated",
  deprecatedAt: Date.UTC(2026, 10, 1, 12, 0, 0),
  sunsetAt: Date.UTC(2027, 0, 31),
  retiredAt: null,
  successor: { product: "orders", major: 2 },
};
const bases = { portal: "https://portal.example.com/", gateway: "https://api.example.com" };

describe("deprecation headers", () => {
  it("carries RFC 9745 Deprecation, RFC 8594 Sunset and both links", () => {
    expect(deprecationHeaders(v1, bases)).toEqual({
      deprecation: `@${Date.UTC(2026, 10, 1, 12) / 1000}`,
      sunset: "Sun, 31 Jan 2027 00:00:00 GMT",
      link: '<https://portal.example.com/apis/orders/v1>; rel="deprecation", <https://api.example.com/orders/v2>; rel="successor-version"',
    });
  });

  it("says nothing for a version in good standing, and leaves out a successor that is not named", () => {
    expect(deprecationHeaders({ ...v1, lifecycle: "published", deprecatedAt: null, sunsetAt: null }, bases)).toEqual(
      {},
    );
    const alone = deprecationHeaders({ ...v1, successor: null }, { gateway: "http://h" });
    expect(alone.link).toBe('</apis/orders/v1>; rel="deprecation"');
    expect(successorUrl({ ...v1, successor: null }, bases)).toBeNull();
  });

  it("is gone from the sunset instant on, or once retired", () => {
    expect(isGone(v1, v1.sunsetAt! - 1)).toBe(false);
    expect(isGone(v1, v1.sunsetAt!)).toBe(true);
    expect(isGone({ ...v1, lifecycle: "retired", sunsetAt: null }, 0)).toBe(true);
  });
});
