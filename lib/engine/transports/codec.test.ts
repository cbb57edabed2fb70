import { describe, expect, it } from "vitest";
import { bodyJson } from "@/lib/engine/core/body-json";
import { createMessage } from "@/lib/engine/core/message";
import { decodeMessage, encodeMessage } from "./codec";
import { Batcher } from "./batcher";

describe("message codec", () => {
  it.each([
    ["json", { a: 1, nested: { b: [1, "x", null] } }],
    ["text", "<order id='1'/>"],
    ["bytes", Buffer.from([0, 255, 1, 2])],
    ["null", null],
  ])("round-trips a %s body with the whole envelope", (_, body) => {
    const msg = createMessage({ body, headers: { "x-a": "1" }, correlationId: "c-1" });
    expect(decodeMessage(encodeMessage(msg))).toEqual(msg);
  });

  it("keeps a JSON object that merely has a $base64 field among others as JSON", () => {
    const msg = createMessage({ body: { $base64: "AAE=", other: true } });
    expect(decodeMessage(encodeMessage(msg)).body).toEqual({ $base64: "AAE=", other: true });
  });

  it("decodes messages in the earlier single-JSON format, including {$base64} bytes", () => {
    const msg = createMessage({ body: { a: 1 } });
    expect(decodeMessage(Buffer.from(JSON.stringify(msg)))).toEqual(msg);
    const bytes = createMessage({ body: { $base64: "AAE=" } });
    expect(decodeMessage(Buffer.from(JSON.stringify(bytes))).body).toEqual(Buffer.from([0, 1]));
  });

  it("reads a pretty-printed envelope (newlines inside) as one JSON document", () => {
    const msg = createMessage({ body: { a: [1, 2] } });
    expect(decodeMessage(Buffer.from(JSON.stringify(msg, null, 2)))).toEqual(msg);
  });

  it("remembers the body's JSON text exactly as it travelled, for hashing", () => {
    const wire = encodeMessage(createMessage({ body: { b: 2, a: 1 } }));
    const decoded = decodeMessage(wire);
    expect(bodyJson(decoded.body)).toBe('{"b":2,"a":1}');
    expect(wire.toString("utf8").endsWith('\n{"b":2,"a":1}')).toBe(true);
  });
});

describe("Batcher", () => {
  it("groups items added in the same turn into one flush and reports per-item failure", async () => {
    const flushes: number[][] = [];
    let fail = false;
    const b = new Batcher<number>(async (items) => {
      flushes.push(items);
      if (fail) throw new Error("db down");
    }, 3);
    await Promise.all([1, 2, 3, 4].map((i) => b.add(i)));
    expect(flushes).toEqual([[1, 2, 3], [4]]);
    fail = true;
    await expect(b.add(5)).rejects.toThrow("db down");
  });

  it("lingers to gather a larger batch, but flushes a full batch at once", async () => {
    const flushes: { items: number[]; at: number }[] = [];
    const t0 = Date.now();
    const b = new Batcher<number>(async (items) => void flushes.push({ items, at: Date.now() - t0 }), 2, 40);
    const first = b.add(1);
    await new Promise((r) => setImmediate(r));
    expect(flushes).toEqual([]); // still lingering
    await Promise.all([first, b.add(2), b.add(3)]);
    expect(flushes.map((f) => f.items)).toEqual([[1, 2], [3]]);
    expect(flushes[0].at).toBeLessThan(35); // full: not held for the linger
    expect(flushes[1].at).toBeGreaterThanOrEqual(35); // the remainder waited for it
  });
});
