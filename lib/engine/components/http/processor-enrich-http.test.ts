import { describe, expect, it } from "vitest";
import type { TObservedEndpoint } from "@/lib/engine/core/contracts";
import { createMessage } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";
import { fakeFetch, json } from "./fake-fetch";
import { lookupEndpoint } from "./processor-enrich-http";

const s = new AbortController().signal;
const config = { url: "'https://crm.example/customers/' & customerId", into: "customer" };

describe("enrich_http", () => {
  configTable("processor", "enrich_http", [
    ["url + into", config, "ok"],
    ["nested into + skip", { ...config, into: "a.b", onNotFound: "skip" }, "ok"],
    ["bad into", { ...config, into: "a..b" }, "dotted field path"],
    ["missing url", { into: "x" }, "url"],
  ]);

  it("merges the lookup and serves repeats from the cache, reporting only the calls that reached the system", async () => {
    const f = fakeFetch([json({ name: "Acme" })]);
    const observed: TObservedEndpoint[] = [];
    const p = createRegistry().build("processor", "enrich_http", config, {
      fetch: f.fetch,
      observeEndpoint: (e) => void observed.push(e),
    });
    const [a] = await p.process(createMessage({ body: { customerId: "C-7" } }), s);
    const [b] = await p.process(createMessage({ body: { customerId: "C-7" } }), s);
    expect(a.body).toEqual({ customerId: "C-7", customer: { name: "Acme" } });
    expect(b.body).toEqual(a.body);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0].url).toBe("https://crm.example/customers/C-7");
    expect(observed).toEqual([
      { direction: "outbound", endpointKind: "http", endpoint: "https://crm.example/customers/{id}" },
    ]);
  });

  it.each([
    [
      "'https://crm.example/customers/' & customerId",
      "https://crm.example/customers/C-7/orders",
      "https://crm.example/customers/{id}/orders",
    ],
    ['"https://crm.example/find?key=" & id', "https://crm.example/find?key=C-7", "https://crm.example/find"],
    ["$string(base) & '/customers'", "https://crm.example/customers", "https://crm.example/customers"],
    ["'https://crm.example/c' & id", "https://crm.example/cABC", "https://crm.example/cABC"],
  ])("names the lookup %s → %s as %s", (expression, url, endpoint) => {
    expect(lookupEndpoint(expression, url)).toBe(endpoint);
  });

  it("expires cache entries after the TTL", async () => {
    let now = 0;
    const f = fakeFetch([json({ n: 1 })]);
    const p = createRegistry().build(
      "processor",
      "enrich_http",
      { ...config, cacheTtlMs: 100 },
      { fetch: f.fetch, now: () => now },
    );
    await p.process(createMessage({ body: { customerId: "1" } }), s);
    now = 150;
    await p.process(createMessage({ body: { customerId: "1" } }), s);
    expect(f.calls).toHaveLength(2);
  });

  it("fails or skips on 404", async () => {
    const reg = createRegistry();
    const fail = reg.build("processor", "enrich_http", config, { fetch: fakeFetch([json({}, 404)]).fetch });
    await expect(fail.process(createMessage({ body: { customerId: "x" } }), s)).rejects.toThrow("answered 404");
    const skip = reg.build(
      "processor",
      "enrich_http",
      { ...config, onNotFound: "skip" },
      { fetch: fakeFetch([json({}, 404)]).fetch },
    );
    expect((await skip.process(createMessage({ body: { customerId: "x" } }), s))[0].body).toEqual({ customerId: "x" });
  });
});
