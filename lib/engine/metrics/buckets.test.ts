import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, bucketIndex, LATENCY_BOUNDS_MS, percentileFromBuckets } from "./buckets";

describe("latency buckets", () => {
  it.each([
    [0, 0],
    [1, 0],
    [1.5, 1],
    [100, 6],
    [60_000, LATENCY_BOUNDS_MS.length - 1],
    [60_001, LATENCY_BOUNDS_MS.length],
  ])("puts %s ms in bucket %s", (ms, index) => {
    expect(bucketIndex(ms)).toBe(index);
  });

  it("interpolates percentiles inside a bucket and returns null for no data", () => {
    const b = new Array<number>(BUCKET_COUNT).fill(0);
    expect(percentileFromBuckets(b, 0.5)).toBeNull();
    b[bucketIndex(15)] = 100; // (10, 20]
    expect(percentileFromBuckets(b, 0.5)).toBeCloseTo(15);
    expect(percentileFromBuckets(b, 0.99)).toBeCloseTo(19.9);
    b[bucketIndex(150)] = 100; // (100, 200]
    expect(percentileFromBuckets(b, 0.25)).toBeCloseTo(15);
    expect(percentileFromBuckets(b, 0.75)).toBeCloseTo(150);
  });
});
