import { describe, expect, it } from "vitest";
import { matchCallerSystem, matchEndpointSystem } from "@/lib/catalog/endpoints";
import { systemMatcher } from "./system-matcher";

const systems = [
  { id: "erp", endpoints: ["http://erp.test/api", "https://ERP.test:443/"], callerIds: ["urn:erp"] },
  { id: "erp-orders", endpoints: ["http://erp.test/api/orders/"], callerIds: ["ERP-Batch"] },
  { id: "dup", endpoints: ["http://erp.test/api"], callerIds: [] },
  { id: "crm", endpoints: ["http://crm.test"], callerIds: [] },
];

describe("systemMatcher", () => {
  it("answers as matchEndpointSystem: longest prefix on a path boundary, first declarer on a tie", () => {
    const m = systemMatcher(systems);
    for (const endpoint of [
      "http://erp.test/api/orders/{id}",
      "http://erp.test/api/orders",
      "http://erp.test/api/ordersx",
      "http://erp.test/api",
      "http://erp.test/apix",
      "https://erp.test/anything",
      "http://crm.test",
      "http://crm.test/a/b/c",
      "http://nowhere.test/api",
      "/flows/x/dev",
    ])
      expect(m.byEndpoint(endpoint)?.id ?? null, endpoint).toBe(matchEndpointSystem(endpoint, systems)?.id ?? null);
  });

  it("answers as matchCallerSystem, ignoring case", () => {
    const m = systemMatcher(systems);
    for (const caller of ["urn:erp", "URN:ERP", "erp-batch", "someone"])
      expect(m.byCaller(caller)?.id ?? null).toBe(matchCallerSystem(caller, systems)?.id ?? null);
  });
});
