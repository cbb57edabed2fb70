import { describe, expect, it } from "vitest";
import { credentialOf } from "./auth";
import { endToEnd } from "./http-backend";

describe("credentialOf", () => {
  it("reads X-API-Key first, then Authorization ApiKey or Bearer (any case)", () => {
    expect(credentialOf({ "x-api-key": " sb_dev_abc ", authorization: "Bearer t" })).toEqual({
      kind: "key",
      secret: "sb_dev_abc",
    });
    expect(credentialOf({ authorization: "apikey sb_dev_abc" })).toEqual({ kind: "key", secret: "sb_dev_abc" });
    expect(credentialOf({ authorization: "Bearer a.b.c" })).toEqual({ kind: "jwt", token: "a.b.c" });
  });

  it("finds nothing in other schemes or malformed headers", () => {
    expect(credentialOf({})).toBeNull();
    expect(credentialOf({ authorization: "Basic dXNlcjpwdw==" })).toBeNull();
    expect(credentialOf({ authorization: "Bearer two words" })).toBeNull();
    expect(credentialOf({ "x-api-key": "  " })).toBeNull();
  });
});

describe("endToEnd", () => {
  it("drops hop-by-hop headers and the ones Connection names, and joins repeated values", () => {
    expect(
      endToEnd({
        connection: "keep-alive, X-Trace-Hop",
        "keep-alive": "timeout=5",
        "transfer-encoding": "chunked",
        "x-trace-hop": "1",
        host: "gateway",
        "content-length": "12",
        accept: "application/json",
        "x-tags": ["a", "b"],
      }),
    ).toEqual({ accept: "application/json", "x-tags": "a, b" });
  });
});
