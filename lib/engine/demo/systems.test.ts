import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCustomerXml, demoOrder } from "./data";
import { DemoSystems } from "./systems";
import { invoice810, purchaseOrder850, shipNotice856, x12SetOf } from "./x12";

describe("demo X12 documents", () => {
  const at = new Date("2026-11-26T07:45:00Z");
  it("builds an 850 with a fixed-width ISA and matching control numbers and segment count", () => {
    const doc = purchaseOrder850({ poNumber: "PO-1", lines: [{ sku: "A", qty: 2, price: 1.5 }] }, 7, at);
    const segments = doc.split("~\n").filter(Boolean);
    expect(segments[0]).toHaveLength(105);
    expect(segments[0].endsWith("*000000007*0*P*>")).toBe(true);
    expect(segments).toContain("BEG*00*SA*PO-1**20261126");
    expect(segments).toContain("PO1*1*2*EA*1.50**VP*A");
    const st = segments.findIndex((s) => s.startsWith("ST*"));
    const se = segments.findIndex((s) => s.startsWith("SE*"));
    expect(segments[se]).toBe(`SE*${se - st + 1}*0007`);
    expect(x12SetOf(doc)).toBe("850");
  });
  it("builds 810 and 856 documents", () => {
    expect(
      x12SetOf(
        invoice810({ invoiceNumber: "INV-1", poNumber: "PO-1", lines: [{ sku: "A", qty: 2, price: 1.5 }] }, 1, at),
      ),
    ).toBe("810");
    const asn = shipNotice856(
      { shipmentId: "ASN-1", poNumber: "PO-1", carrier: "UPSN", lines: [{ sku: "A", qty: 2, price: 1.5 }] },
      1,
      at,
    );
    expect(asn).toContain("BSN*00*ASN-1*20261126*0745");
    expect(asn).toContain("PRF*PO-1");
    expect(x12SetOf("not edi")).toBeNull();
  });
});

describe("DemoSystems", () => {
  const systems = new DemoSystems();
  let base = "";
  beforeAll(async () => {
    base = `http://127.0.0.1:${await systems.listen(0)}`;
  });
  afterAll(() => systems.close());
  const post = (path: string, body: string, type = "application/json") =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": type }, body });

  it("accepts what each system speaks and rejects the rest", async () => {
    expect((await post("/erp/customers", JSON.stringify({ id: "C-1" }))).status).toBe(202);
    expect((await post("/erp/customers", "<x/>")).status).toBe(422);
    expect((await post("/crm/orders", demoCustomerXml(1), "application/xml")).status).toBe(202);
    expect((await post("/crm/orders", JSON.stringify(demoOrder(1)))).status).toBe(422);
    expect(
      (await post("/edi/inbound", purchaseOrder850({ poNumber: "PO-9", lines: [] }, 1), "application/edi-x12")).status,
    ).toBe(202);
    expect(systems.openPurchaseOrders).toEqual(["PO-9"]);
  });

  it("feeds stock changes from accepted shipments, page by page after a cursor", async () => {
    await post("/erp/shipments", JSON.stringify({ shipmentId: "ASN-1", skus: ["A", "B"], quantities: [2, 5] }));
    await post("/erp/shipments", JSON.stringify({ shipmentId: "ASN-2", skus: ["C"], quantities: [1] }));
    const page = async (after: number, limit = 100) =>
      (await (await fetch(`${base}/erp/stock-changes?after=${after}&limit=${limit}`)).json()) as {
        changes: { seq: number; sku: string; delta: number; shipmentId: string }[];
        next: number;
      };
    const first = await page(0, 2);
    expect(first.changes.map((c) => [c.sku, c.delta, c.shipmentId])).toEqual([
      ["A", 2, "ASN-1"],
      ["B", 5, "ASN-1"],
    ]);
    expect(first.next).toBe(first.changes[1].seq);
    const second = await page(first.next);
    expect(second.changes.map((c) => c.sku)).toEqual(["C"]);
    expect(second.changes[0].seq).toBeGreaterThan(first.next);
    expect(await page(second.next)).toEqual({ changes: [], next: second.next });
    expect(
      (await post("/crm/availability", "<availability><sku>C</sku></availability>", "application/xml")).status,
    ).toBe(202);
  });

  it("simulates an outage with 503 until switched back", async () => {
    await post("/target/_outage", JSON.stringify({ down: true }));
    expect((await post("/target", "{}")).status).toBe(503);
    await post("/target/_outage", JSON.stringify({ down: false }));
    expect((await post("/target", "{}")).status).toBe(202);
    const state = (await (await fetch(`${base}/target/_state`)).json()) as { accepted: number; unavailable: number };
    expect(state).toMatchObject({ accepted: 1, unavailable: 1 });
  });
});
