import { describe, expect, it } from "vitest";
import { classifyError } from "@/lib/engine/core/errors";
import { createMessage, IDEMPOTENCY_HEADER } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";
import { fakeFetch, json } from "./fake-fetch";

const s = new AbortController().signal;

describe("output http", () => {
  configTable("output", "http", [
    ["url", { url: "https://erp.example/orders" }, "ok"],
    ["PUT + headers", { url: "http://x/y", method: "PUT", headers: { "x-api-key": "k" } }, "ok"],
    ["ftp url", { url: "ftp://x" }, "must be an http(s) URL"],
    ["GET", { url: "http://x", method: "GET" }, "method"],
    ["bad header", { url: "http://x", headers: { "bad header": "v" } }, "headers.bad header"],
  ]);

  it("POSTs JSON with CloudEvents headers and exposes its endpoint", async () => {
    const f = fakeFetch([json({ ok: true })]);
    const out = createRegistry().build("output", "http", { url: "https://erp.example/orders" }, { fetch: f.fetch });
    const msg = createMessage({ body: { a: 1 } });
    await out.write(msg, s);
    expect(out.endpoint).toBe("https://erp.example");
    expect(f.calls[0].init).toMatchObject({ method: "POST", body: '{"a":1}' });
    expect(f.calls[0].init!.headers).toMatchObject({
      "content-type": "application/json",
      "ce-id": msg.id,
      traceparent: msg.traceparent,
    });
  });

  it("sends text bodies as they are with their own content type (serialized JSON stays application/json) and the idempotency key", async () => {
    const f = fakeFetch([json({ ok: true }), json({ ok: true })]);
    const out = createRegistry().build("output", "http", { url: "https://erp.example/orders" }, { fetch: f.fetch });
    await out.write(
      createMessage({
        body: '{"a":1}',
        datacontenttype: "application/json",
        headers: { [IDEMPOTENCY_HEADER]: "PO-1" },
      }),
      s,
    );
    await out.write(createMessage({ body: "<a/>", datacontenttype: "application/xml" }), s);
    expect(f.calls[0].init).toMatchObject({
      body: '{"a":1}',
      headers: { "content-type": "application/json", "idempotency-key": "PO-1" },
    });
    expect(f.calls[1].init).toMatchObject({ body: "<a/>", headers: { "content-type": "application/xml" } });
    expect(f.calls[1].init!.headers).not.toHaveProperty("idempotency-key");
  });

  it.each([
    [400, "permanent"],
    [404, "permanent"],
    [408, "transient"],
    [429, "transient"],
    [500, "transient"],
  ])("classifies status %i as %s", async (status, cls) => {
    const out = createRegistry().build(
      "output",
      "http",
      { url: "http://x/y" },
      { fetch: fakeFetch([json({ e: 1 }, status)]).fetch },
    );
    const err = await out.write(createMessage({ body: {} }), s).catch((e) => e);
    expect(err.message).toContain(`answered ${status}`);
    expect(classifyError(err)).toBe(cls);
  });

  it("turns network errors and timeouts into transient errors", async () => {
    const out = createRegistry().build(
      "output",
      "http",
      { url: "http://x/y", timeoutMs: 20 },
      { fetch: fakeFetch([new TypeError("fetch failed")]).fetch },
    );
    const err = await out.write(createMessage({ body: {} }), s).catch((e) => e);
    expect(classifyError(err)).toBe("transient");
  });
});
