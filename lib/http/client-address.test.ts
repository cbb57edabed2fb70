import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("without trusted proxies, is the socket peer whatever X-Forwarded-For claims", () => {
    expect(clientAddress("1.2.3.4", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress(undefined, "::ffff:198.51.100.7", 0)).toBe("198.51.100.7");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("behind N proxies, is the address the outermost trusted proxy saw; forged entries to its left are ignored", () => {
    // client forged "6.6.6.6", the proxy appended the real client 203.0.113.9, the peer is the proxy
    expect(clientAddress("6.6.6.6, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9, 10.0.0.1", "10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress(["6.6.6.6", "203.0.113.9, 10.0.0.1"], "10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("with more trusted hops than entries, takes the leftmost", () => {
    expect(clientAddress("203.0.113.9", "10.0.0.2", 5)).toBe("203.0.113.9");
    expect(clientAddress(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});
