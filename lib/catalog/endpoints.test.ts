import { describe, expect, it } from "vitest";
import { callerIdentity, matchCallerSystem, matchEndpointSystem, normalizeHttpEndpoint } from "./endpoints";

describe("normalizeHttpEndpoint", () => {
  it.each([
    ["http://ERP.example:80/api/orders?x=1#f", "http://erp.example/api/orders"],
    ["https://user:pw@crm.example:8443/v2/customers/12345/", "https://crm.example:8443/v2/customers/{id}"],
    ["http://h/items/3f2b8c1e-0d4a-4b7e-9c1a-2b3c4d5e6f70", "http://h/items/{id}"],
    ["http://h/", "http://h"],
    ["http://h/orders/open", "http://h/orders/open"],
  ])("%s → %s", (raw, expected) => expect(normalizeHttpEndpoint(raw)).toBe(expected));
  it("rejects what is not an absolute http URL", () => {
    expect(normalizeHttpEndpoint("/relative")).toBeNull();
    expect(normalizeHttpEndpoint("ftp://h/x")).toBeNull();
  });
});

describe("callerIdentity", () => {
  it("prefers ce-source, then the user agent's product, then the address", () => {
    expect(callerIdentity({ "ce-source": "urn:erp", "user-agent": "curl/8" }, "1.2.3.4")).toBe("urn:erp");
    expect(callerIdentity({ "user-agent": "erp-connector/2.1 (linux)" }, "1.2.3.4")).toBe("erp-connector");
    expect(callerIdentity({}, "::ffff:10.0.0.5")).toBe("ip:10.0.0.5");
    expect(callerIdentity({}, undefined)).toBe("unknown");
  });
});

describe("matching systems", () => {
  const systems = [
    { id: "host", endpoints: ["http://demo:4100"], callerIds: [] },
    { id: "erp", endpoints: ["http://demo:4100/erp"], callerIds: ["urn:demo:erp"] },
    { id: "erp-v2", endpoints: ["http://demo:4100/erp/v2/"], callerIds: [] },
  ];
  it("takes the longest prefix on a path boundary", () => {
    expect(matchEndpointSystem("http://demo:4100/erp/orders", systems)?.id).toBe("erp");
    expect(matchEndpointSystem("http://demo:4100/erp/v2/orders", systems)?.id).toBe("erp-v2");
    expect(matchEndpointSystem("http://demo:4100/erpx", systems)?.id).toBe("host");
    expect(matchEndpointSystem("http://other/erp", systems)).toBeNull();
  });
  it("matches callers case-insensitively", () => {
    expect(matchCallerSystem("URN:DEMO:ERP", systems)?.id).toBe("erp");
    expect(matchCallerSystem("someone", systems)).toBeNull();
  });
});
