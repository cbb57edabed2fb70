import { describe, expect, it } from "vitest";
import { createMessage, REPLAY_HEADER } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";
import { MemoryDedupeStore } from "./memory-dedupe-store";

const s = new AbortController().signal;

describe("dedupe", () => {
  configTable("processor", "dedupe", [
    ["key", { key: "orderId" }, "ok"],
    ["key + ttl + scope", { key: "orderId", ttlMs: 60_000, scope: "orders" }, "ok"],
    ["ttl too small", { key: "orderId", ttlMs: 5 }, "ttlMs"],
    ["no key", {}, "key"],
  ]);

  it("drops a repeated key and keeps new ones", async () => {
    const p = createRegistry().build(
      "processor",
      "dedupe",
      { key: "orderId" },
      { dedupeStore: new MemoryDedupeStore() },
    );
    expect(await p.process(createMessage({ body: { orderId: "1" } }), s)).toHaveLength(1);
    expect(await p.process(createMessage({ body: { orderId: "1" } }), s)).toHaveLength(0);
    expect(await p.process(createMessage({ body: { orderId: "2" } }), s)).toHaveLength(1);
  });

  it("lets the same message through again (a redelivery after a failed output) and a replay take the key over", async () => {
    const p = createRegistry().build(
      "processor",
      "dedupe",
      { key: "orderId" },
      { dedupeStore: new MemoryDedupeStore() },
    );
    const first = createMessage({ body: { orderId: "7" } });
    expect(await p.process(first, s)).toHaveLength(1);
    expect(await p.process(first, s)).toHaveLength(1);
    expect(await p.process(createMessage({ body: { orderId: "7" } }), s)).toHaveLength(0);
    expect(
      await p.process(createMessage({ body: { orderId: "7" }, headers: { [REPLAY_HEADER]: "dl-1" } }), s),
    ).toHaveLength(1);
  });

  it("fails when the key is missing", async () => {
    const p = createRegistry().build(
      "processor",
      "dedupe",
      { key: "orderId" },
      { dedupeStore: new MemoryDedupeStore() },
    );
    await expect(p.process(createMessage({ body: {} }), s)).rejects.toThrow("gave nothing");
  });

  it("forgets keys after their TTL and evicts past maxKeys", async () => {
    let now = 0;
    const store = new MemoryDedupeStore(2, () => now);
    expect(await store.claim("a", 10)).toBe(true);
    expect(await store.claim("a", 10)).toBe(false);
    now = 11;
    expect(await store.claim("a", 10)).toBe(true);
    await store.claim("b", 10);
    await store.claim("c", 10);
    expect(await store.claim("a", 10)).toBe(true); // evicted as the oldest
  });
});
