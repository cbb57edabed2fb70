import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import type { TNodeId } from "@/lib/catalog/graph-types";
import { transitiveDependents } from "@/lib/catalog/impact";
import { db } from "@/lib/db";
import { generateCatalogGraph } from "@/bench/catalog/fixture";
import { saveFlowVersion } from "../flows";
import { flowConfigKind } from "../flows/config-item";
import { consumersOf, impactOf, loadCatalogGraph } from ".";

useTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };

async function system(name: string, endpoints: string[], callerIds: string[] = []) {
  return db().system.create({
    data: { name, type: "custom", hosting: "cloud", criticality: "high", endpoints, callerIds },
    select: { id: true },
  });
}

describe("the catalog graph from inventory, specs and traffic", () => {
  it("joins declared and observed dependencies and answers impact and consumers", async () => {
    const erp = await system("Graph ERP", ["http://erp.graph.test/api"], ["urn:graph:erp"]);
    const crm = await system("Graph CRM", ["http://crm.graph.test"]);
    const iface = await db().interface.create({
      data: {
        name: "Orders to CRM",
        sourceSystemId: erp.id,
        targetSystemId: crm.id,
        mechanism: "api",
        payloadFormat: "json",
        frequency: "real_time",
      },
      select: { id: true },
    });
    const orders = await saveFlowVersion(engineer, {
      interfaceId: iface.id,
      spec: {
        name: "graph-orders",
        input: { use: "http", config: { path: "/graph-orders" } },
        outputs: [
          { id: "crm", use: "http", config: { url: "http://crm.graph.test/orders" } },
          { id: "events", use: "queue", config: { queue: "graph-order-events" } },
        ],
      },
    });
    const audit = await saveFlowVersion(engineer, {
      spec: {
        name: "graph-audit",
        input: { use: "queue", config: { queue: "graph-order-events" } },
        outputs: [{ id: "sink", use: "http", config: { url: "http://sink.graph.test/audit" } }],
      },
    });
    const dev = await db().environment.findUniqueOrThrow({ where: { key: "dev" } });
    const seen = new Date("2026-11-30T10:00:00Z");
    const row = (direction: "inbound" | "outbound", endpoint: string, caller = "", messages = 5) => ({
      flowId: orders.flowId,
      environmentId: dev.id,
      direction,
      endpointKind: "http",
      endpoint,
      caller,
      messages,
      firstSeenAt: seen,
      lastSeenAt: seen,
    });
    await db().observedDependency.createMany({
      data: [
        row("inbound", "/flows/graph-orders/dev", "urn:graph:erp", 40),
        row("inbound", "/flows/graph-orders/dev", "mystery-app", 2),
        row("outbound", "http://crm.graph.test/orders", "", 40),
      ],
    });

    const graph = await loadCatalogGraph(db());
    const F: TNodeId = `flow:${orders.flowId}`;
    const A: TNodeId = `flow:${audit.flowId}`;
    const ERP: TNodeId = `system:${erp.id}`;
    const CRM: TNodeId = `system:${crm.id}`;
    const Q: TNodeId = "queue:graph-order-events";
    const has = (from: TNodeId, to: TNodeId, source: string) =>
      graph.edges.some((e) => e.from === from && e.to === to && e.source === source);
    expect(has(ERP, CRM, "declared")).toBe(true);
    expect(has(ERP, F, "declared") && has(F, CRM, "declared") && has(F, Q, "declared") && has(Q, A, "declared")).toBe(
      true,
    );
    // The observed caller depends on the flow and feeds it.
    expect(has(ERP, F, "observed") && has(F, ERP, "observed") && has(F, CRM, "observed")).toBe(true);
    expect(graph.nodes.find((n) => n.id === CRM)).toMatchObject({
      name: "Graph CRM",
      lifecycle: "production",
      tier: 2,
    });
    // No system declares these: they stay dependencies of their flow, not nodes.
    const dangling = graph.dependencies.filter((d) => d.nodeId === null && d.source === "observed");
    expect(dangling.map((d) => d.caller)).toEqual(["mystery-app"]);
    expect(graph.nodes.some((n) => n.name.includes("sink"))).toBe(false);

    const impact = await impactOf(db(), ERP);
    expect(impact?.dependents.map((d) => [d.name, d.depth]).sort()).toEqual(
      [
        ["Graph CRM", 1],
        ["graph-orders", 1],
        ["graph-order-events", 2],
        ["graph-audit", 3],
      ].sort(),
    );
    const ofFlow = await impactOf(db(), F);
    expect(ofFlow?.dependents.find((d) => d.nodeId === ERP)).toMatchObject({
      depth: 1,
      sources: ["declared", "observed"],
    });

    const consumers = await consumersOf(db(), { kind: "flow", id: orders.flowId });
    const summary = consumers.map((c) => `${c.source} ${c.kind} ${c.name}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        "declared system Graph ERP",
        "declared system Graph CRM",
        "declared queue graph-order-events",
        "declared flow graph-audit",
        "observed system Graph ERP",
        "observed system Graph CRM",
        "observed caller mystery-app",
      ]),
    );
    expect(summary).toHaveLength(7);
    expect(consumers.find((c) => c.name === "mystery-app")?.detail).toContain("2 messages");

    const ofInterface = await consumersOf(db(), { kind: "interface", id: iface.id });
    expect(ofInterface.map((c) => `${c.source} ${c.name}`)).toEqual(
      expect.arrayContaining([
        "declared Graph CRM",
        "declared graph-orders",
        "declared graph-audit",
        "observed mystery-app",
      ]),
    );

    // The CAB's blast radius is the same walk: the audit flow behind the queue counts too.
    const radius = await flowConfigKind.impact(db(), orders.flowId);
    expect(radius).toEqual({
      systems: ["Graph CRM", "Graph ERP"],
      interfaces: ["Orders to CRM"],
      flows: ["graph-audit"],
      dataDomainIds: [],
    });

    // A retired interface leaves the live graph.
    await db().interface.update({ where: { id: iface.id }, data: { retiredAt: new Date() } });
    const after = await loadCatalogGraph(db());
    expect(after.edges.some((e) => e.interfaceId === iface.id)).toBe(false);
  });

  it("impact analysis on a generated 500-node graph returns every transitive dependent and no other", async () => {
    await db().observedDependency.deleteMany();
    await db().flow.deleteMany();
    await db().interface.deleteMany();
    await db().system.deleteMany();
    const { root, expected, nodes } = await generateCatalogGraph(db());
    const graph = await loadCatalogGraph(db());
    expect(graph.nodes).toHaveLength(nodes);
    expect(nodes).toBe(500);
    const started = performance.now();
    const dependents = transitiveDependents(graph, root);
    const bfsMs = performance.now() - started;
    expect(new Set(dependents.map((d) => d.nodeId))).toEqual(expected);
    expect(dependents).toHaveLength(expected.size);
    expect(bfsMs).toBeLessThan(100);
    const impact = await impactOf(db(), root);
    // A0 → … → A10 → flow FA10, which was observed writing to A50: the shortcut beats the chain (50).
    expect(impact?.dependents.find((d) => d.nodeId === "system:gA50")).toMatchObject({ depth: 12, via: "gen-fa-10" });
  });
});
