import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { createRegistry } from "@/lib/engine/components";
import { validateFlowComponents } from "@/lib/engine/core/flow-version";
import { parsePayload, serializePayload } from "@/lib/engine/formats";
import { ZFlowSpec } from "@/lib/validation/flow-spec";
import { demoCustomerXml, demoLines, demoOrder, demoPurchaseOrder } from "./data";
import { demoFlowSpecs } from "./flows";
import { invoice810, shipNotice856, x12SetOf } from "./x12";

const specs = demoFlowSpecs("http://127.0.0.1:4100").map((s) => ZFlowSpec.parse(s));
const byName = Object.fromEntries(specs.map((s) => [s.name, s]));
const expression = (flow: string) =>
  String(byName[flow].steps.find((s) => s.use === "transform_jsonata")?.config.expression);
const map = (flow: string, input: unknown) =>
  jsonata(expression(flow)).evaluate(input) as Promise<Record<string, unknown>>;

describe("demo flow specs", () => {
  it("are valid against the engine registry", () => {
    const registry = createRegistry();
    for (const spec of specs) expect(validateFlowComponents(spec, registry), spec.name).toEqual([]);
  });

  it("map an ERP order to CRM XML", async () => {
    const xml = serializePayload("xml", await map("demo-erp-orders-to-crm", demoOrder(3)), { xmlRootName: "order" });
    expect(xml).toMatch(/<order>[\s\S]*<id>SO-100003<\/id>[\s\S]*<line>/);
  });

  it("map a CRM customer (XML) to an ERP customer", async () => {
    const out = await map("demo-crm-customers-to-erp", parsePayload("xml", demoCustomerXml(0)));
    expect(out).toMatchObject({ id: "C-1001", name: "Nordwind Handel GmbH", country: "DE", source: "crm" });
  });

  it("map an ERP purchase order to an X12 850 the partner accepts", async () => {
    const po = demoPurchaseOrder(4);
    const x12 = serializePayload("x12", await map("demo-erp-po-to-edi-850", po));
    expect(x12SetOf(x12)).toBe("850");
    expect(x12).toContain(`BEG*00*SA*${po.poNumber}`);
    expect(() => parsePayload("x12", x12)).not.toThrow();
  });

  it("map a polled ERP stock change to CRM availability XML", async () => {
    const out = await map("demo-erp-stock-to-crm", {
      seq: 1764143100000,
      sku: "SKU-7",
      delta: 12,
      shipmentId: "ASN-90001",
      at: "2026-11-26T07:45:00.000Z",
    });
    expect(out).toEqual({
      sku: "SKU-7",
      change: 12,
      reason: "shipment ASN-90001",
      changedAt: "2026-11-26T07:45:00.000Z",
    });
    expect(serializePayload("xml", out, { xmlRootName: "availability" })).toMatch(
      /<availability>[\s\S]*<sku>SKU-7<\/sku>/,
    );
  });

  it("map X12 810 and 856 from the partner to ERP JSON", async () => {
    const lines = demoLines(2);
    const invoice = await map(
      "demo-edi-810-invoices-to-erp",
      parsePayload("x12", invoice810({ invoiceNumber: "INV-1", poNumber: "PO-7", lines }, 12)),
    );
    expect(invoice).toMatchObject({
      invoiceNumber: "INV-1",
      poNumber: "PO-7",
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.qty, unitPrice: l.price })),
    });
    const asn = await map(
      "demo-edi-856-shipments-to-erp",
      parsePayload("x12", shipNotice856({ shipmentId: "ASN-1", poNumber: "PO-7", carrier: "UPSN", lines }, 13)),
    );
    expect(asn).toMatchObject({
      shipmentId: "ASN-1",
      poNumber: "PO-7",
      carrier: "UPSN",
      skus: lines.map((l) => l.sku),
      quantities: lines.map((l) => l.qty),
    });
  });
});
