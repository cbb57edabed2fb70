// The six demo flows between the demo systems. Seeded by prisma/seed/engine.ts and deployed to dev;
// the demo traffic (traffic.ts) posts into five of them through the engine gateway, and the sixth
// polls the demo ERP's stock change feed.
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import { DEMO_FLOW_NAMES } from "./traffic";
import { DEMO_ERP_ID, DEMO_PARTNER_ID } from "./x12";

// Short retries so a simulated outage reaches the dead letter channel within seconds.
const policy = {
  retry: { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 2_000, multiplier: 2 },
  timeoutMs: 5_000,
  dlq: true,
  concurrency: 4,
  circuitBreaker: { consecutiveFailures: 5, halfOpenAfterMs: 5_000 },
};

export const ORDER_TO_CRM_MAPPING = `{
  "id": orderId,
  "customerId": customer.id,
  "customerName": customer.name,
  "total": total,
  "currency": currency,
  "lines": { "line": [lines.{ "sku": sku, "quantity": qty, "unitPrice": price }] }
}`;

export const CUSTOMER_TO_ERP_MAPPING = `{
  "id": customer.id,
  "name": customer.name,
  "email": customer.email,
  "country": customer.country,
  "source": "crm"
}`;

export const PO_TO_850_MAPPING = `{
  "transactionSet": "850",
  "sender": "${DEMO_ERP_ID}",
  "receiver": "${DEMO_PARTNER_ID}",
  "controlNumber": $number($substringAfter(poNumber, "PO-")),
  "segments": $append(
    $append(
      [{ "tag": "BEG", "elements": ["00", "SA", poNumber, "", $replace(orderDate, "-", "")] }],
      [lines#$i.{ "tag": "PO1", "elements": [$string($i + 1), $string(qty), "EA", $formatNumber(price, "0.00"), "", "VP", sku] }]
    ),
    [{ "tag": "CTT", "elements": [$string($count(lines))] }]
  )
}`;

export const INVOICE_810_MAPPING = `{
  "invoiceNumber": segments[tag = "BIG"].elements[1],
  "invoiceDate": segments[tag = "BIG"].elements[0],
  "poNumber": segments[tag = "BIG"].elements[3],
  "lines": [segments[tag = "IT1"].{ "sku": elements[6], "quantity": $number(elements[1]), "unitPrice": $number(elements[3]) }],
  "totalCents": $number(segments[tag = "TDS"].elements[0]),
  "source": "edi-810"
}`;

export const SHIPMENT_856_MAPPING = `{
  "shipmentId": segments[tag = "BSN"].elements[1],
  "shipDate": segments[tag = "BSN"].elements[2],
  "carrier": segments[tag = "TD5"].elements[2],
  "poNumber": segments[tag = "PRF"].elements[0],
  "skus": [segments[tag = "LIN"].elements[2]],
  "quantities": [segments[tag = "SN1"].$number(elements[1])],
  "source": "edi-856"
}`;

export const STOCK_TO_CRM_MAPPING = `{
  "sku": sku,
  "change": delta,
  "reason": "shipment " & shipmentId,
  "changedAt": at
}`;

export function demoFlowSpecs(demoBaseUrl: string): TFlowSpecInput[] {
  return [
    {
      name: DEMO_FLOW_NAMES.ordersToCrm,
      description: "Demo: the demo ERP's sales orders (JSON) become CRM orders (XML).",
      input: { use: "http", config: { path: "/demo/erp/orders" } },
      steps: [
        { id: "parse-json", use: "parse", config: { format: "json" } },
        { id: "map-order", use: "transform_jsonata", config: { expression: ORDER_TO_CRM_MAPPING } },
        { id: "to-xml", use: "serialize", config: { format: "xml", xmlRootName: "order" } },
      ],
      outputs: [{ id: "crm", use: "http", config: { url: `${demoBaseUrl}/crm/orders` } }],
      policy,
    },
    {
      name: DEMO_FLOW_NAMES.customersToErp,
      description: "Demo: customer updates from the demo CRM (XML) become ERP customers (JSON).",
      input: { use: "http", config: { path: "/demo/crm/customers" } },
      steps: [
        { id: "parse-xml", use: "parse", config: { format: "xml" } },
        { id: "map-customer", use: "transform_jsonata", config: { expression: CUSTOMER_TO_ERP_MAPPING } },
      ],
      outputs: [{ id: "erp", use: "http", config: { url: `${demoBaseUrl}/erp/customers` } }],
      policy,
    },
    {
      name: DEMO_FLOW_NAMES.poToEdi,
      description: "Demo: the demo ERP's purchase orders become X12 850s for the demo EDI partner.",
      input: { use: "http", config: { path: "/demo/erp/purchase-orders" } },
      steps: [
        { id: "parse-json", use: "parse", config: { format: "json" } },
        { id: "map-850", use: "transform_jsonata", config: { expression: PO_TO_850_MAPPING } },
        { id: "to-x12", use: "serialize", config: { format: "x12" } },
      ],
      outputs: [{ id: "edi-partner", use: "http", config: { url: `${demoBaseUrl}/edi/inbound` } }],
      policy,
    },
    {
      name: DEMO_FLOW_NAMES.invoicesToErp,
      description: "Demo: X12 810 invoices from the demo EDI partner become ERP invoices (JSON).",
      input: { use: "http", config: { path: "/demo/edi/invoices" } },
      steps: [
        { id: "parse-x12", use: "parse", config: { format: "x12" } },
        { id: "map-invoice", use: "transform_jsonata", config: { expression: INVOICE_810_MAPPING } },
      ],
      outputs: [{ id: "erp", use: "http", config: { url: `${demoBaseUrl}/erp/invoices` } }],
      policy,
    },
    {
      name: DEMO_FLOW_NAMES.shipmentsToErp,
      description: "Demo: X12 856 ship notices from the demo EDI partner become ERP shipments (JSON).",
      input: { use: "http", config: { path: "/demo/edi/shipments" } },
      steps: [
        { id: "parse-x12", use: "parse", config: { format: "x12" } },
        { id: "map-shipment", use: "transform_jsonata", config: { expression: SHIPMENT_856_MAPPING } },
      ],
      outputs: [{ id: "erp", use: "http", config: { url: `${demoBaseUrl}/erp/shipments` } }],
      policy,
    },
    {
      name: DEMO_FLOW_NAMES.stockToCrm,
      description:
        "Demo (polling): stock changes from the demo ERP's feed, read with a cursor every 15 s, become CRM availability updates (XML).",
      input: {
        use: "poll_http",
        config: {
          url: `${demoBaseUrl}/erp/stock-changes`,
          intervalMs: 15_000,
          useEtag: false,
          cursor: { param: "after", next: "next", initial: "0" },
          items: "changes",
        },
      },
      steps: [
        { id: "map-availability", use: "transform_jsonata", config: { expression: STOCK_TO_CRM_MAPPING } },
        { id: "to-xml", use: "serialize", config: { format: "xml", xmlRootName: "availability" } },
      ],
      outputs: [{ id: "crm", use: "http", config: { url: `${demoBaseUrl}/crm/availability` } }],
      policy,
    },
  ];
}
