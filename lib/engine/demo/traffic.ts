// Demo traffic: on a timer, the demo ERP, CRM and EDI partner send messages into the engine gateway,
// so the seeded flows show live throughput as soon as `npm start` is up.
import { demoCarrier, demoCustomerXml, demoLines, demoOrder, demoPurchaseOrder } from "./data";
import type { DemoSystems } from "./systems";
import { invoice810, shipNotice856 } from "./x12";

/** The seeded demo flows (prisma/seed/engine.ts), by name (the HTTP ones' gateway path). */
export const DEMO_FLOW_NAMES = {
  ordersToCrm: "demo-erp-orders-to-crm",
  customersToErp: "demo-crm-customers-to-erp",
  poToEdi: "demo-erp-po-to-edi-850",
  invoicesToErp: "demo-edi-810-invoices-to-erp",
  shipmentsToErp: "demo-edi-856-shipments-to-erp",
  /** Polling, not fed by the traffic: it reads the ERP's stock change feed. */
  stockToCrm: "demo-erp-stock-to-crm",
} as const;

type Sender = { flow: string; contentType: string; body: (n: number) => string };

export function demoSenders(systems: DemoSystems): Sender[] {
  const nextPo = (n: number) => systems.openPurchaseOrders.shift() ?? demoPurchaseOrder(n).poNumber;
  return [
    { flow: DEMO_FLOW_NAMES.ordersToCrm, contentType: "application/json", body: (n) => JSON.stringify(demoOrder(n)) },
    { flow: DEMO_FLOW_NAMES.customersToErp, contentType: "application/xml", body: (n) => demoCustomerXml(n) },
    {
      flow: DEMO_FLOW_NAMES.poToEdi,
      contentType: "application/json",
      body: (n) => JSON.stringify(demoPurchaseOrder(n)),
    },
    {
      flow: DEMO_FLOW_NAMES.invoicesToErp,
      contentType: "application/edi-x12",
      body: (n) => invoice810({ invoiceNumber: `INV-${70000 + n}`, poNumber: nextPo(n), lines: demoLines(n) }, n + 1),
    },
    {
      flow: DEMO_FLOW_NAMES.shipmentsToErp,
      contentType: "application/edi-x12",
      body: (n) =>
        shipNotice856(
          {
            shipmentId: `ASN-${90000 + n}`,
            poNumber: demoPurchaseOrder(n).poNumber,
            carrier: demoCarrier(n),
            lines: demoLines(n),
          },
          n + 1,
        ),
    },
  ];
}

/**
 * Sends one message per sender every `intervalMs` to `${gatewayUrl}/flows/<flow>/<environment>`. A gateway
 * that is not up yet (or a flow that is paused) is fine: the next tick tries again.
 */
export function startDemoTraffic(opts: {
  systems: DemoSystems;
  gatewayUrl: string;
  environment: string;
  intervalMs: number;
  log?: (line: string) => void;
}): () => void {
  let n = 0;
  let lastProblem = "";
  const senders = demoSenders(opts.systems);
  const tick = async () => {
    n++;
    await Promise.all(
      senders.map(async (s) => {
        try {
          const res = await fetch(`${opts.gatewayUrl}/flows/${s.flow}/${opts.environment}`, {
            method: "POST",
            headers: { "content-type": s.contentType, "x-demo-traffic": "1" },
            body: s.body(n),
            signal: AbortSignal.timeout(10_000),
          });
          await res.body?.cancel();
        } catch (error) {
          const problem = error instanceof Error ? error.message : String(error);
          // One line per distinct problem, not one per tick.
          if (problem !== lastProblem)
            opts.log?.(`demo traffic: ${s.flow}: ${problem} (retrying every ${opts.intervalMs} ms)`);
          lastProblem = problem;
        }
      }),
    );
  };
  const timer = setInterval(() => void tick(), opts.intervalMs);
  return () => clearInterval(timer);
}
