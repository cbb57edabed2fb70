import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertCallbackUrl, storedResult } from "./operations";

describe("assertCallbackUrl", () => {
  it.each([
    ["https://hooks.example.com/a?b=1", false],
    ["http://localhost:9000/hook", false],
    ["http://127.0.0.1/hook", false],
    ["http://[::1]:8080/hook", false],
    ["http://receiver.internal/hook", true],
  ])("accepts %s (allowHttp %s)", (url, allowHttp) => {
    expect(assertCallbackUrl(url, allowHttp).toString()).toBe(new URL(url).toString());
  });

  it.each([
    ["http://example.com/hook", "plain http is only accepted for localhost or 127.0.0.1 (got example.com)"],
    ["http://localhost.evil.com/hook", "plain http is only accepted"],
    ["ftp://example.com/x", "must be an https URL (got ftp)"],
    ["javascript:alert(1)", "must be an https URL"],
    ["/relative/hook", "not an absolute URL"],
    ["https://a:b@example.com/", "user name or password"],
  ])("refuses %s with BAD_REQUEST", (url, message) => {
    let err: unknown;
    try {
      assertCallbackUrl(url);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("BAD_REQUEST");
    expect((err as AppError).message).toContain(message);
  });
});

describe("storedResult", () => {
  it("parses a JSON body, including +json types", () => {
    expect(
      storedResult({ status: 200, headers: { "Content-Type": "application/json" }, body: Buffer.from('{"a":1}') }),
    ).toEqual({ a: 1 });
    expect(
      storedResult({
        status: 400,
        headers: { "content-type": "application/problem+json" },
        body: Buffer.from('{"code":"X"}'),
      }),
    ).toEqual({ code: "X" });
  });

  it("keeps other bytes, and broken JSON, as base64 with their type", () => {
    expect(storedResult({ status: 200, headers: { "content-type": "text/plain" }, body: Buffer.from("hi") })).toEqual({
      contentType: "text/plain",
      bodyBase64: "aGk=",
    });
    expect(
      storedResult({ status: 200, headers: { "content-type": "application/json" }, body: Buffer.from("{oops") }),
    ).toEqual({
      contentType: "application/json",
      bodyBase64: Buffer.from("{oops").toString("base64"),
    });
    expect(storedResult({ status: 200, headers: {}, body: Buffer.from([1, 2]) })).toEqual({
      contentType: "application/octet-stream",
      bodyBase64: "AQI=",
    });
  });

  it("keeps a flow's value as is, and an empty body as null", () => {
    expect(storedResult({ status: 200, headers: {}, body: { ok: true } })).toEqual({ ok: true });
    expect(storedResult({ status: 204, headers: {}, body: Buffer.alloc(0) })).toBeNull();
    expect(storedResult({ status: 204, headers: {}, body: undefined })).toBeNull();
  });
});
