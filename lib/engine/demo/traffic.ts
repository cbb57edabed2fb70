// Demo traffic: on a timer, the demo ERP, CRM and EDI partner send messages into the engine gateway,
// so the seeded flows show live throughput as soon as `npm start` is up. Each sender names its system
// in ce-source, so the catalog sees who calls each flow (the seed registers these as System.callerIds).
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

/** The CloudEvents source each demo system sends with (the caller identity the gateway records). */
export const DEMO_CALLER_IDS = {
  erp: "urn:switchboard:demo:erp",
  crm: "urn:switchboard:demo:crm",
  edi: "urn:switchboard:demo:edi",
} as const;

/** Environments the demo traffic posts into; a flow not deployed in one is skipped quietly. */
export const DEMO_TRAFFIC_ENVIRONMENTS = ["dev", "prod"] as const;

/** A flow the gateway answered 404 (not deployed there) is tried again after this many ticks. */
const NOT_DEPLOYED_SKIP_TICKS = 10;

type Sender = { flow: string; from: keyof typeof DEMO_CALLER_IDS; contentType: string; body: (n: number) => string };

export function demoSenders(systems: DemoSystems): Sender[] {
  const nextPo = (n: number) => systems.openPurchaseOrders.shift() ?? demoPurchaseOrder(n).poNumber;
  return [
    {
      flow: DEMO_FLOW_NAMES.ordersToCrm,
      from: "erp",
      contentType: "application/json",
      body: (n) => JSON.stringify(demoOrder(n)),
    },
    {
      flow: DEMO_FLOW_NAMES.customersToErp,
      from: "crm",
      contentType: "application/xml",
      body: (n) => demoCustomerXml(n),
    },
    {
      flow: DEMO_FLOW_NAMES.poToEdi,
      from: "erp",
      contentType: "application/json",
      body: (n) => JSON.stringify(demoPurchaseOrder(n)),
    },
    {
      flow: DEMO_FLOW_NAMES.invoicesToErp,
      from: "edi",
      contentType: "application/edi-x12",
      body: (n) => invoice810({ invoiceNumber: `INV-${70000 + n}`, poNumber: nextPo(n), lines: demoLines(n) }, n + 1),
    },
    {
      flow: DEMO_FLOW_NAMES.shipmentsToErp,
      from: "edi",
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
 * Sends one message per sender and environment every `intervalMs` to
 * `${gatewayUrl}/flows/<flow>/<environment>`. A gateway that is not up yet (or a flow that is paused) is
 * fine: the next tick tries again. A flow not deployed in an environment (404) is left alone for a few
 * ticks, without a log line.
 */
export function startDemoTraffic(opts: {
  systems: DemoSystems;
  gatewayUrl: string;
  environments: readonly string[];
  intervalMs: number;
  log?: (line: string) => void;
}): () => void {
  let n = 0;
  let lastProblem = "";
  const senders = demoSenders(opts.systems);
  const skipUntil = new Map<string, number>();
  const tick = async () => {
    n++;
    const sends = opts.environments.flatMap((environment) => senders.map((s) => ({ s, environment })));
    await Promise.all(
      sends.map(async ({ s, environment }) => {
        const key = `${s.flow}/${environment}`;
        if ((skipUntil.get(key) ?? 0) > n) return;
        try {
          const res = await fetch(`${opts.gatewayUrl}/flows/${s.flow}/${environment}`, {
            method: "POST",
            headers: { "content-type": s.contentType, "ce-source": DEMO_CALLER_IDS[s.from], "x-demo-traffic": "1" },
            body: s.body(n),
            signal: AbortSignal.timeout(10_000),
          });
          await res.body?.cancel();
          if (res.status === 404) skipUntil.set(key, n + NOT_DEPLOYED_SKIP_TICKS);
          else skipUntil.delete(key);
        } catch (error) {
          const problem = error instanceof Error ? error.message : String(error);
          // One line per distinct problem, not one per tick.
          if (problem !== lastProblem)
            opts.log?.(`demo traffic: ${key}: ${problem} (retrying every ${opts.intervalMs} ms)`);
          lastProblem = problem;
        }
      }),
    );
  };
  const timer = setInterval(() => void tick(), opts.intervalMs);
  return () => clearInterval(timer);
}
