// The demo systems: small HTTP endpoints standing in for an "ERP" (JSON), a "CRM" (XML) and an "EDI
// partner" (X12), plus a generic demo target. Each can be switched into an outage so the portal shows
// failures, dead letters and replay. Demo only: in-memory state, no auth, bound to 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { x12SetOf } from "./x12";

export const DEMO_SYSTEMS = ["erp", "crm", "edi", "target"] as const;
export type TDemoSystem = (typeof DEMO_SYSTEMS)[number];

type Received = { at: string; path: string; contentType: string; body: string };
export type TStockChange = { seq: number; sku: string; delta: number; shipmentId: string; at: string };

const MAX_BODY_BYTES = 1_048_576;
const KEEP_LAST = 200;

/** What each system accepts: path → check on the body (returns an error text, or null when fine). */
const INBOUND: Record<string, { system: TDemoSystem; check: (body: string, contentType: string) => string | null }> = {
  "/erp/customers": { system: "erp", check: (b) => jsonCheck(b, ["id"]) },
  "/erp/invoices": { system: "erp", check: (b) => jsonCheck(b, ["invoiceNumber"]) },
  "/erp/shipments": { system: "erp", check: (b) => jsonCheck(b, ["shipmentId"]) },
  "/crm/orders": { system: "crm", check: xmlCheck },
  "/crm/availability": { system: "crm", check: xmlCheck },
  "/edi/inbound": {
    system: "edi",
    check: (b) => (x12SetOf(b) === "850" ? null : "EDI partner accepts X12 850 purchase orders only"),
  },
  "/target": { system: "target", check: () => null },
};

function xmlCheck(body: string): string | null {
  return /^\s*(<\?xml[^>]*>\s*)?<[A-Za-z]/.test(body) ? null : "CRM accepts XML only";
}

function jsonCheck(body: string, required: string[]): string | null {
  try {
    const v = JSON.parse(body) as Record<string, unknown>;
    const missing = required.filter((k) => v?.[k] === undefined || v?.[k] === null || v?.[k] === "");
    return missing.length ? `missing field(s): ${missing.join(", ")}` : null;
  } catch {
    return "ERP accepts JSON only";
  }
}

export class DemoSystems {
  readonly outage: Record<TDemoSystem, boolean> = { erp: false, crm: false, edi: false, target: false };
  readonly received: Record<TDemoSystem, Received[]> = { erp: [], crm: [], edi: [], target: [] };
  readonly counts: Record<TDemoSystem, { accepted: number; rejected: number; unavailable: number }> = {
    erp: { accepted: 0, rejected: 0, unavailable: 0 },
    crm: { accepted: 0, rejected: 0, unavailable: 0 },
    edi: { accepted: 0, rejected: 0, unavailable: 0 },
    target: { accepted: 0, rejected: 0, unavailable: 0 },
  };
  /** Purchase orders the EDI partner received, so it can invoice and ship against them. */
  readonly openPurchaseOrders: string[] = [];
  /**
   * The ERP's stock change feed (shipments received), read page by page with a cursor. Sequence
   * numbers follow the clock, so a restarted demo never reuses a cursor a poller has already stored.
   */
  readonly stockChanges: TStockChange[] = [];
  private server: Server | null = null;

  async listen(port: number, host = "127.0.0.1"): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** A shipment the ERP accepted adds stock for each of its SKUs to the change feed. */
  private receiveStock(body: string): void {
    const asn = JSON.parse(body) as { shipmentId?: unknown; skus?: unknown; quantities?: unknown };
    const skus = Array.isArray(asn.skus) ? asn.skus.map(String) : [];
    const quantities = Array.isArray(asn.quantities) ? asn.quantities.map(Number) : [];
    const at = new Date().toISOString();
    skus.forEach((sku, i) => {
      const last = this.stockChanges[this.stockChanges.length - 1]?.seq ?? 0;
      this.stockChanges.push({
        seq: Math.max(last + 1, Date.now()),
        sku,
        delta: quantities[i] || 0,
        shipmentId: String(asn.shipmentId ?? ""),
        at,
      });
    });
    if (this.stockChanges.length > KEEP_LAST * 5) this.stockChanges.splice(0, this.stockChanges.length - KEEP_LAST * 5);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://demo");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      // POST /<system>/_outage {"down": true|false} switches an outage; GET /<system>/_state shows what arrived.
      const admin = /^\/(erp|crm|edi|target)\/_(outage|state)$/.exec(url.pathname);
      if (admin) {
        const system = admin[1] as TDemoSystem;
        if (admin[2] === "outage" && req.method === "POST") {
          const body = JSON.parse((await readBody(req)) || "{}") as { down?: unknown };
          this.outage[system] = body.down === true;
          return send(200, { system, down: this.outage[system] });
        }
        if (admin[2] === "state" && req.method === "GET") {
          return send(200, {
            system,
            down: this.outage[system],
            ...this.counts[system],
            last: this.received[system].slice(-10),
          });
        }
        return send(405, { error: "use POST _outage or GET _state" });
      }
      if (url.pathname === "/health") return send(200, { ok: true, outage: this.outage });
      // GET /erp/stock-changes?after=<seq>&limit=<n>: changes after the cursor, oldest first, and the next cursor.
      if (url.pathname === "/erp/stock-changes" && req.method === "GET") {
        if (this.outage.erp) return send(503, { error: "demo erp is in a simulated outage" });
        const after = Number(url.searchParams.get("after") ?? 0) || 0;
        const limit = Math.min(500, Math.max(1, Number(url.searchParams.get("limit") ?? 100) || 100));
        const changes = this.stockChanges.filter((c) => c.seq > after).slice(0, limit);
        return send(200, { changes, next: changes.length ? changes[changes.length - 1].seq : after });
      }
      const route = INBOUND[url.pathname];
      if (!route) return send(404, { error: `no demo endpoint ${url.pathname}` });
      if (req.method !== "POST" && req.method !== "PUT") return send(405, { error: "POST a message" });
      const body = await readBody(req);
      const counts = this.counts[route.system];
      if (this.outage[route.system]) {
        counts.unavailable++;
        return send(503, { error: `demo ${route.system} is in a simulated outage` });
      }
      const contentType = String(req.headers["content-type"] ?? "");
      const problem = route.check(body, contentType);
      if (problem) {
        counts.rejected++;
        return send(422, { error: problem });
      }
      counts.accepted++;
      const log = this.received[route.system];
      log.push({ at: new Date().toISOString(), path: url.pathname, contentType, body: body.slice(0, 4000) });
      if (log.length > KEEP_LAST) log.splice(0, log.length - KEEP_LAST);
      if (url.pathname === "/erp/shipments") this.receiveStock(body);
      if (url.pathname === "/edi/inbound") {
        const po = /BEG\*00\*SA\*([^*~]+)/.exec(body)?.[1];
        if (po) this.openPurchaseOrders.push(po);
      }
      return send(202, { accepted: true });
    } catch (error) {
      return send(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
