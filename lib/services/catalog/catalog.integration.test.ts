import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import { rejection } from "@/test/rejection";
import { saveFlowVersion } from "../flows";
import {
  assignCallerToSystem,
  documentObservedPath,
  getCatalogEntryOrThrow,
  getCatalogImpact,
  getCatalogReconciliation,
  listCatalogEntries,
  updateCatalogEntry,
  updateSystemEndpoints,
} from ".";

useTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const DAY = 86_400_000;
const now = new Date("2026-12-01T12:00:00Z");

async function system(name: string, endpoint: string, callerIds: string[] = []) {
  return db().system.create({
    data: { name, type: "custom", hosting: "cloud", criticality: "medium", endpoints: [endpoint], callerIds },
    select: { id: true },
  });
}
const iface = (name: string, sourceSystemId: string, targetSystemId: string) =>
  db().interface.create({
    data: { name, sourceSystemId, targetSystemId, mechanism: "file", payloadFormat: "csv", frequency: "daily" },
    select: { id: true },
  });

async function observe(
  flowId: string,
  rows: { dir: "inbound" | "outbound"; endpoint: string; caller?: string; at: Date; messages?: number }[],
) {
  const dev = await db().environment.findUniqueOrThrow({ where: { key: "dev" } });
  await db().observedDependency.createMany({
    data: rows.map((r) => ({
      flowId,
      environmentId: dev.id,
      direction: r.dir,
      endpointKind: "http",
      endpoint: r.endpoint,
      caller: r.caller ?? "",
      messages: r.messages ?? 10,
      firstSeenAt: new Date(r.at.getTime() - 2 * DAY),
      lastSeenAt: r.at,
    })),
  });
}

describe("catalog reconciliation", () => {
  it("flags an undocumented path, a dead interface and an unidentified caller, and acts on each", async () => {
    const erp = await system("Rec ERP", "http://erp.rec.test", ["urn:rec:erp"]);
    const crm = await system("Rec CRM", "http://crm.rec.test");
    const wms = await system("Rec WMS", "http://wms.rec.test");
    const orders = await iface("Orders to CRM", erp.id, crm.id);
    const stock = await iface("Stock to WMS", erp.id, wms.id);
    const ordersFlow = await saveFlowVersion(engineer, {
      interfaceId: orders.id,
      spec: {
        name: "rec-orders",
        input: { use: "http", config: { path: "/rec-orders" } },
        outputs: [{ id: "crm", use: "http", config: { url: "http://crm.rec.test/orders" } }],
      },
    });
    const stockFlow = await saveFlowVersion(engineer, {
      interfaceId: stock.id,
      spec: {
        name: "rec-stock",
        input: { use: "http", config: { path: "/rec-stock" } },
        outputs: [{ id: "wms", use: "http", config: { url: "http://wms.rec.test/stock" } }],
      },
    });
    // A second flow between ERP and CRM: the only ERP → CRM interface is the orders flow's.
    const pricesFlow = await saveFlowVersion(engineer, {
      spec: {
        name: "rec-prices",
        input: { use: "http", config: { path: "/rec-prices" } },
        steps: [{ id: "xml", use: "serialize", config: { format: "xml" } }],
        outputs: [{ id: "crm", use: "http", config: { url: "http://crm.rec.test/prices" } }],
      },
    });
    const recent = new Date(now.getTime() - DAY);
    await observe(ordersFlow.flowId, [
      { dir: "inbound", endpoint: "/flows/rec-orders/dev", caller: "urn:rec:erp", at: recent },
      { dir: "outbound", endpoint: "http://crm.rec.test/orders", at: recent },
    ]);
    await observe(stockFlow.flowId, [
      {
        dir: "inbound",
        endpoint: "/flows/rec-stock/dev",
        caller: "urn:rec:erp",
        at: new Date(now.getTime() - 45 * DAY),
      },
      { dir: "outbound", endpoint: "http://wms.rec.test/stock", at: new Date(now.getTime() - 45 * DAY) },
    ]);
    await observe(pricesFlow.flowId, [
      { dir: "inbound", endpoint: "/flows/rec-prices/dev", caller: "urn:rec:erp", at: recent, messages: 20 },
      { dir: "inbound", endpoint: "/flows/rec-prices/dev", caller: "pricing-batch", at: recent, messages: 3 },
      { dir: "outbound", endpoint: "http://crm.rec.test/prices", at: recent, messages: 20 },
    ]);

    const rec = await getCatalogReconciliation(viewer, { now });
    expect(rec.undocumented).toEqual([
      expect.objectContaining({
        flowName: "rec-prices",
        source: { id: erp.id, name: "Rec ERP" },
        target: { id: crm.id, name: "Rec CRM" },
        reason: "implemented_by_other_flows",
        // 20 messages over the two days between first and last sighting: 300 a month.
        suggestion: {
          name: "rec-prices",
          mechanism: "api",
          payloadFormat: "xml",
          frequency: "real_time",
          volumePerMonth: 300,
        },
      }),
    ]);
    expect(rec.possiblyDead.map((f) => [f.name, f.quietDays])).toEqual([["Stock to WMS", 45]]);
    expect(rec.unidentifiedCallers.map((c) => [c.caller, c.messages, c.flows.map((f) => f.name)])).toEqual([
      ["pricing-batch", 3, ["rec-prices"]],
    ]);
    // A longer window lets the quiet interface be.
    expect((await getCatalogReconciliation(viewer, { now, deadAfterDays: 60 })).possiblyDead).toEqual([]);

    expect(
      (
        await rejection(
          documentObservedPath(
            viewer,
            { flowId: pricesFlow.flowId, sourceSystemId: erp.id, targetSystemId: crm.id },
            now,
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const documented = await documentObservedPath(
      engineer,
      { flowId: pricesFlow.flowId, sourceSystemId: erp.id, targetSystemId: crm.id },
      now,
    );
    expect(documented).toMatchObject({ interfaceName: "rec-prices", isFlowLinked: true });
    const created = await db().interface.findUniqueOrThrow({ where: { id: documented.interfaceId } });
    expect(created).toMatchObject({
      mechanism: "api",
      payloadFormat: "xml",
      frequency: "real_time",
      volumePerMonth: 300,
    });
    expect((await db().flow.findUniqueOrThrow({ where: { id: pricesFlow.flowId } })).interfaceId).toBe(created.id);
    const after = await getCatalogReconciliation(viewer, { now });
    expect(after.undocumented).toEqual([]);
    // Twice is refused: the path is documented now.
    expect(
      (
        await rejection(
          documentObservedPath(
            engineer,
            { flowId: pricesFlow.flowId, sourceSystemId: erp.id, targetSystemId: crm.id },
            now,
          ),
        )
      ).code,
    ).toBe("CONFLICT");

    await assignCallerToSystem(engineer, { caller: "pricing-batch", systemId: erp.id });
    expect((await getCatalogReconciliation(viewer, { now })).unidentifiedCallers).toEqual([]);
    expect((await rejection(assignCallerToSystem(engineer, { caller: "PRICING-batch", systemId: crm.id }))).code).toBe(
      "CONFLICT",
    );

    const actions = await db().auditEntry.findMany({ where: { actorEmail: engineer.email }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["inventory.interface.create", "flow.interface.link", "catalog.caller.assign"]),
    );
  });
});

describe("catalog entries", () => {
  it("lists with filters, updates metadata with an audit entry, and shows declared and observed apart", async () => {
    const erp = await db().system.findFirstOrThrow({ where: { name: "Rec ERP" } });
    const user = await db().user.create({
      data: { email: "owner@rec.test", name: "Rec Owner", passwordHash: "x", role: "integration_engineer" },
    });
    const all = await listCatalogEntries(viewer, ZListQuery.parse({ pageSize: 100 }));
    expect(all.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["Rec ERP", "Rec CRM", "rec-orders"]));
    const flows = await listCatalogEntries(
      viewer,
      ZListQuery.parse({ filters: { kind: "flow" }, q: "rec-", sort: "name" }),
    );
    expect(flows.rows.map((r) => r.name)).toEqual(["rec-orders", "rec-prices", "rec-stock"]);

    expect((await rejection(updateCatalogEntry(viewer, { kind: "system", key: erp.id }))).code).toBe("FORBIDDEN");
    await updateCatalogEntry(engineer, {
      kind: "system",
      key: erp.id,
      ownerId: user.id,
      lifecycle: "deprecated",
      tier: "1",
      docsUrl: "https://docs.rec.test/erp",
      runbookUrl: "",
      description: "The ERP",
      assessmentIntervalDays: "91",
    });
    const deprecated = await listCatalogEntries(
      viewer,
      ZListQuery.parse({ filters: { lifecycle: "deprecated", owner: user.id } }),
    );
    expect(deprecated.rows).toEqual([expect.objectContaining({ name: "Rec ERP", ownerName: "Rec Owner", tier: 1 })]);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "catalog.entry.update" } });
    expect(audit.after).toMatchObject({ lifecycle: "deprecated", tier: 1 });
    expect(
      (
        await rejection(
          updateCatalogEntry(engineer, {
            kind: "queue",
            key: "nope",
            lifecycle: "production",
            tier: 3,
            assessmentIntervalDays: 91,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    const flow = await db().flow.findUniqueOrThrow({ where: { name: "rec-prices" } });
    const entry = await getCatalogEntryOrThrow(viewer, { kind: "flow", key: flow.id });
    expect(entry.declared.dependents.map((r) => r.name)).toEqual(["Rec CRM", "Rec ERP"]);
    expect(entry.observed.dependsOn.map((r) => r.name)).toEqual(["Rec ERP"]);
    expect(entry.observed.dependents.map((r) => r.name)).toEqual(["Rec CRM", "Rec ERP"]);
    expect(entry.impact.map((d) => d.name)).toEqual(expect.arrayContaining(["Rec CRM", "Rec ERP", "Rec WMS"]));

    await updateSystemEndpoints(engineer, {
      systemId: erp.id,
      endpoints: "http://erp.rec.test\nhttp://erp2.rec.test",
      callerIds: "urn:rec:erp, pricing-batch",
    });
    const erpEntry = await getCatalogEntryOrThrow(viewer, { kind: "system", key: erp.id });
    expect(erpEntry.system).toEqual({
      endpoints: ["http://erp.rec.test", "http://erp2.rec.test"],
      callerIds: ["urn:rec:erp", "pricing-batch"],
    });
  });

  it("names impact by kind when a name is ambiguous", async () => {
    await db().system.create({ data: { name: "rec-orders", type: "custom", hosting: "cloud", criticality: "low" } });
    const failure = await rejection(getCatalogImpact(viewer, { entry: "rec-orders" }));
    expect(failure.code).toBe("CONFLICT");
    expect(failure.message).toContain("flow:rec-orders");
    const impact = await getCatalogImpact(viewer, { entry: "flow:rec-orders" });
    expect(impact.entry.kind).toBe("flow");
    expect(impact.dependents.map((d) => d.name)).toContain("Rec CRM");
    expect((await rejection(getCatalogImpact(viewer, { entry: "nothing-here" }))).code).toBe("NOT_FOUND");
  });
});
