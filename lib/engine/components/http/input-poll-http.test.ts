import { describe, expect, it } from "vitest";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";
import { fakeFetch, json } from "./fake-fetch";

describe("input poll_http", () => {
  configTable("input", "poll_http", [
    ["url", { url: "https://crm.example/changes" }, "ok"],
    [
      "cursor + items",
      { url: "https://crm.example/changes", cursor: { param: "after", next: "meta.next" }, items: "data" },
      "ok",
    ],
    ["interval too short", { url: "https://x", intervalMs: 10 }, "intervalMs"],
    ["bad cursor expression", { url: "https://x", cursor: { param: "a", next: "meta." } }, "invalid JSONata"],
  ]);

  it("splits items, advances the cursor after acks and honours ETag 304", async () => {
    const f = fakeFetch([
      json({ data: [{ id: 1 }, { id: 2 }], meta: { next: "c2" } }, 200, { etag: '"v1"' }),
      new Response(null, { status: 304 }),
      json({ data: [{ id: 3 }], meta: { next: "c3" } }),
    ]);
    const sleeps: number[] = [];
    const input = createRegistry().build(
      "input",
      "poll_http",
      {
        url: "https://crm.example/changes",
        intervalMs: 1_000,
        cursor: { param: "after", next: "meta.next", initial: "c1" },
        items: "data",
      },
      { fetch: f.fetch, sleep: async (ms) => void sleeps.push(ms), now: () => 0 },
    );
    const s = new AbortController().signal;
    const a = await input.read(s);
    const b = await input.read(s);
    expect([a.msg.body, b.msg.body]).toEqual([{ id: 1 }, { id: 2 }]);
    await a.ack();
    await b.ack();
    const c = await input.read(s);
    expect(c.msg.body).toEqual({ id: 3 });
    expect(f.calls.map((x) => x.url)).toEqual([
      "https://crm.example/changes?after=c1",
      "https://crm.example/changes?after=c2",
      "https://crm.example/changes?after=c2",
    ]);
    expect((f.calls[1].init!.headers as Record<string, string>)["if-none-match"]).toBe('"v1"');
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
  });
});
