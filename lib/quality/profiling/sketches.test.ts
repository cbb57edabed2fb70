import { describe, expect, it } from "vitest";
import { HyperLogLog } from "./hyperloglog";
import { TDigest } from "./tdigest";

describe("HyperLogLog", () => {
  it("counts small sets exactly enough (linear counting) and large ones within 2%", () => {
    const small = new HyperLogLog();
    for (let i = 0; i < 100; i++) small.add(`v${i % 50}`);
    expect(small.count()).toBe(50);
    const large = new HyperLogLog();
    for (let i = 0; i < 200_000; i++) large.add(`customer-${i}`);
    expect(Math.abs(large.count() - 200_000) / 200_000).toBeLessThan(0.03);
  });

  it("merges to the sketch of the union, and survives base64", () => {
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    const both = new HyperLogLog();
    for (let i = 0; i < 30_000; i++) {
      a.add(`k${i}`);
      both.add(`k${i}`);
    }
    for (let i = 20_000; i < 60_000; i++) {
      b.add(`k${i}`);
      both.add(`k${i}`);
    }
    a.merge(HyperLogLog.fromBase64(b.toBase64()));
    expect(a.count()).toBe(both.count());
    expect(Math.abs(a.count() - 60_000) / 60_000).toBeLessThan(0.03);
    expect(() => HyperLogLog.fromBase64("AAAA")).toThrow(/16384 bytes/);
  });
});

describe("TDigest", () => {
  it("gives exact quantiles while every value is its own centroid", () => {
    const d = new TDigest();
    for (const x of [5, 1, 9, 3, 7]) d.add(x);
    expect(d.quantile(0)).toBe(1);
    expect(d.quantile(1)).toBe(9);
    expect(d.quantile(0.5)).toBe(5);
    expect(d.quantile(0.3)).toBe(3); // index 1.5: the 2nd value's centre
    expect(d.quantile(0.4)).toBe(4); // halfway between the 2nd and 3rd centres
    expect(d.count).toBe(5);
    expect(new TDigest().quantile(0.5)).toBeNull();
  });

  it("keeps quantiles of a long stream within 1% of the range, in bounded centroids", () => {
    const d = new TDigest();
    for (let i = 0; i < 100_000; i++) d.add((i * 7919) % 100_000);
    for (const q of [0.01, 0.25, 0.5, 0.75, 0.99]) expect(Math.abs(d.quantile(q)! - q * 100_000)).toBeLessThan(1_000);
    expect(d.centroids().length).toBeLessThanOrEqual(100);
    expect(d.centroids().reduce((s, c) => s + c[1], 0)).toBe(100_000);
  });

  it("merges two halves into the quantiles of the whole, through JSON", () => {
    const a = new TDigest();
    const b = new TDigest();
    for (let i = 0; i < 50_000; i++) a.add(i);
    for (let i = 50_000; i < 100_000; i++) b.add(i);
    a.merge(TDigest.fromJSON(JSON.parse(JSON.stringify(b.toJSON()))));
    expect(a.count).toBe(100_000);
    expect(a.min).toBe(0);
    expect(a.max).toBe(99_999);
    expect(Math.abs(a.quantile(0.5)! - 50_000)).toBeLessThan(1_000);
    expect(Math.abs(a.quantile(0.9)! - 90_000)).toBeLessThan(1_000);
  });
});
