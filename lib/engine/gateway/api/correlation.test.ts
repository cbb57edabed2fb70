import { describe, expect, it } from "vitest";
import { correlate } from "./correlation";

describe("correlate", () => {
  it("keeps a plain request id and the caller's trace, with a new span for this hop", () => {
    const parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const c = correlate({ "x-request-id": "partner-42", traceparent: parent });
    expect(c.requestId).toBe("partner-42");
    expect(c.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(c.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(c.traceparent).not.toBe(parent);
  });

  it("replaces an id with odd characters and a malformed or all-zero traceparent", () => {
    for (const traceparent of ["garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"]) {
      const c = correlate({ "x-request-id": "has spaces\nand newline", traceparent });
      expect(c.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(c.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(c.traceId).not.toMatch(/^0+$/);
    }
  });

  it("makes both when the caller sends neither", () => {
    const a = correlate({});
    const b = correlate({});
    expect(a.requestId).not.toBe(b.requestId);
    expect(a.traceId).not.toBe(b.traceId);
  });
});
