import { describe, expect, it } from "vitest";
import { buildCatalogGraph, type TGraphSources } from "./build-graph";

const at = new Date("2026-12-01T00:00:00Z");
const sources = (): TGraphSources => ({
  systems: [
    {
      id: "erp",
      name: "ERP",
      lifecycle: "phase_out",
      criticality: "mission_critical",
      endpoints: ["http://erp.test"],
      callerIds: [],
    },
    {
      id: "crm",
      name: "CRM",
      lifecycle: "plan",
      criticality: "low",
      endpoints: ["http://crm.test/api"],
      callerIds: [],
    },
  ],
  interfaces: [],
  flows: [
    {
      id: "f",
      name: "enrich-orders",
      owner: "Team A",
      interfaceId: null,
      specs: [
        {
          input: { use: "queue", config: { queue: "orders" } },
          steps: [{ id: "customer", use: "enrich_http", config: { url: "'http://crm.test/api/customers/' & id" } }],
          outputs: [{ id: "erp", use: "http", config: { url: "http://erp.test/orders" } }],
        },
      ],
    },
  ],
  observed: [
    {
      flowId: "f",
      environmentKey: "dev",
      direction: "outbound",
      endpointKind: "http",
      endpoint: "http://crm.test/api/customers/{id}",
      caller: "",
      messages: 4,
      firstSeenAt: at,
      lastSeenAt: at,
    },
    {
      flowId: "f",
      environmentKey: "prod",
      direction: "outbound",
      endpointKind: "http",
      endpoint: "http://erp.test/orders",
      caller: "",
      messages: 3,
      firstSeenAt: at,
      lastSeenAt: at,
    },
    {
      flowId: "f",
      environmentKey: "dev",
      direction: "outbound",
      endpointKind: "http",
      endpoint: "http://erp.test/orders",
      caller: "",
      messages: 2,
      firstSeenAt: at,
      lastSeenAt: at,
    },
  ],
  entries: [{ kind: "system", key: "crm", ownerId: null, ownerName: "Sales IT", lifecycle: "production", tier: 1 }],
});

describe("buildCatalogGraph", () => {
  it("reads an enrich_http call as a lookup the flow depends on, and an output as a target", () => {
    const g = buildCatalogGraph(sources());
    const observed = g.edges.filter((e) => e.source === "observed").map((e) => `${e.from} → ${e.to}: ${e.via}`);
    expect(observed).toEqual([
      "system:crm → flow:f: observed: looks up http://crm.test/api/customers/{id}",
      "flow:f → system:erp: observed: writes to http://erp.test/orders",
    ]);
    expect(g.edges.filter((e) => e.source === "declared").map((e) => `${e.from} → ${e.to}`)).toEqual([
      "queue:orders → flow:f",
      "system:crm → flow:f",
      "flow:f → system:erp",
    ]);
  });

  it("adds up one dependency observed in several environments", () => {
    const erp = buildCatalogGraph(sources()).dependencies.find(
      (d) => d.source === "observed" && d.nodeId === "system:erp",
    );
    expect(erp).toMatchObject({ messages: 5, environments: ["prod", "dev"] });
  });

  it("takes lifecycle and tier from the inventory unless the catalog entry says otherwise", () => {
    const nodes = Object.fromEntries(buildCatalogGraph(sources()).nodes.map((n) => [n.id, n]));
    expect(nodes["system:erp"]).toMatchObject({ lifecycle: "deprecated", tier: 1, ownerName: "" });
    expect(nodes["system:crm"]).toMatchObject({ lifecycle: "production", tier: 1, ownerName: "Sales IT" });
    expect(nodes["flow:f"]).toMatchObject({ lifecycle: "production", tier: 3, ownerName: "Team A" });
    expect(nodes["queue:orders"]).toMatchObject({ kind: "queue", name: "orders" });
  });
});
