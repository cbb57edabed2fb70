// Demo data generators for the demo systems. Deterministic given the counter, so runs are comparable.
import type { TDemoLine } from "./x12";

const CUSTOMERS = [
  { id: "C-1001", name: "Nordwind Handel GmbH", email: "orders@nordwind.example", country: "DE" },
  { id: "C-1002", name: "Brightline Retail Ltd", email: "buying@brightline.example", country: "GB" },
  { id: "C-1003", name: "Soleil Distribution SA", email: "achats@soleil.example", country: "FR" },
  { id: "C-1004", name: "Lakeside Outfitters Inc", email: "po@lakeside.example", country: "US" },
  { id: "C-1005", name: "Fjord Supplies AS", email: "innkjop@fjord.example", country: "NO" },
];
const SKUS = [
  { sku: "SKU-100", price: 12.5 },
  { sku: "SKU-205", price: 3.2 },
  { sku: "SKU-310", price: 48 },
  { sku: "SKU-420", price: 199.99 },
  { sku: "SKU-515", price: 0.75 },
];
const CARRIERS = ["DHLX", "UPSN", "FDEG"];

export function demoLines(n: number): TDemoLine[] {
  const count = 1 + (n % 3);
  return Array.from({ length: count }, (_, i) => {
    const s = SKUS[(n + i) % SKUS.length];
    return { sku: s.sku, qty: 1 + ((n * 7 + i * 3) % 20), price: s.price };
  });
}

export function demoOrder(n: number) {
  const customer = CUSTOMERS[n % CUSTOMERS.length];
  const lines = demoLines(n);
  return {
    orderId: `SO-${100000 + n}`,
    customer: { id: customer.id, name: customer.name, email: customer.email },
    lines,
    total: Math.round(lines.reduce((a, l) => a + l.qty * l.price, 0) * 100) / 100,
    currency: "EUR",
    createdAt: new Date().toISOString(),
  };
}

export function demoPurchaseOrder(n: number) {
  return {
    poNumber: `PO-${50000 + n}`,
    supplier: "DEMO-EDI-PARTNER",
    lines: demoLines(n + 1),
    orderDate: new Date().toISOString().slice(0, 10),
  };
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function demoCustomerXml(n: number): string {
  const c = CUSTOMERS[n % CUSTOMERS.length];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<customer><id>${c.id}</id><name>${xmlEscape(c.name)}</name><email>${c.email}</email><country>${c.country}</country><updatedAt>${new Date().toISOString()}</updatedAt></customer>\n`;
}

export const demoCarrier = (n: number) => CARRIERS[n % CARRIERS.length];
