// Builds the X12 documents the demo EDI partner and the demo ERP exchange (850 purchase order,
// 810 invoice, 856 advance ship notice). Demo data only: fixed sender/receiver ids, version 004010.

export const DEMO_ERP_ID = "SWBDEMOERP";
export const DEMO_PARTNER_ID = "SWBDEMOEDI";

export type TDemoLine = { sku: string; qty: number; price: number };

const pad = (s: string, n: number) => s.padEnd(n, " ").slice(0, n);
const num = (n: number, width: number) => String(n).padStart(width, "0");

function stamp(at: Date): { yymmdd: string; ccyymmdd: string; hhmm: string } {
  const iso = at.toISOString();
  return {
    yymmdd: iso.slice(2, 10).replace(/-/g, ""),
    ccyymmdd: iso.slice(0, 10).replace(/-/g, ""),
    hhmm: iso.slice(11, 16).replace(":", ""),
  };
}

/** Wraps transaction-set segments (without ST/SE) in ST/SE, GS/GE and a fixed-width ISA/IEA envelope. */
export function x12Envelope(opts: {
  set: "850" | "810" | "856";
  functionalId: "PO" | "IN" | "SH";
  from: string;
  to: string;
  control: number;
  at: Date;
  segments: string[];
}): string {
  const t = stamp(opts.at);
  const ctl = num(opts.control, 9);
  const st = num(opts.control % 10_000, 4);
  const body = [`ST*${opts.set}*${st}`, ...opts.segments];
  const lines = [
    `ISA*00*${pad("", 10)}*00*${pad("", 10)}*ZZ*${pad(opts.from, 15)}*ZZ*${pad(opts.to, 15)}*${t.yymmdd}*${t.hhmm}*U*00401*${ctl}*0*P*>`,
    `GS*${opts.functionalId}*${opts.from}*${opts.to}*${t.ccyymmdd}*${t.hhmm}*${opts.control}*X*004010`,
    ...body,
    `SE*${body.length + 1}*${st}`,
    `GE*1*${opts.control}`,
    `IEA*1*${ctl}`,
  ];
  return `${lines.join("~\n")}~\n`;
}

export function purchaseOrder850(
  po: { poNumber: string; lines: TDemoLine[] },
  control: number,
  at = new Date(),
): string {
  return x12Envelope({
    set: "850",
    functionalId: "PO",
    from: DEMO_ERP_ID,
    to: DEMO_PARTNER_ID,
    control,
    at,
    segments: [
      `BEG*00*SA*${po.poNumber}**${stamp(at).ccyymmdd}`,
      ...po.lines.map((l, i) => `PO1*${i + 1}*${l.qty}*EA*${l.price.toFixed(2)}**VP*${l.sku}`),
      `CTT*${po.lines.length}`,
    ],
  });
}

export function invoice810(
  inv: { invoiceNumber: string; poNumber: string; lines: TDemoLine[] },
  control: number,
  at = new Date(),
): string {
  const totalCents = Math.round(inv.lines.reduce((a, l) => a + l.qty * l.price, 0) * 100);
  return x12Envelope({
    set: "810",
    functionalId: "IN",
    from: DEMO_PARTNER_ID,
    to: DEMO_ERP_ID,
    control,
    at,
    segments: [
      `BIG*${stamp(at).ccyymmdd}*${inv.invoiceNumber}**${inv.poNumber}`,
      ...inv.lines.map((l, i) => `IT1*${i + 1}*${l.qty}*EA*${l.price.toFixed(2)}**VP*${l.sku}`),
      `TDS*${totalCents}`,
      `CTT*${inv.lines.length}`,
    ],
  });
}

export function shipNotice856(
  asn: { shipmentId: string; poNumber: string; carrier: string; lines: TDemoLine[] },
  control: number,
  at = new Date(),
): string {
  const t = stamp(at);
  return x12Envelope({
    set: "856",
    functionalId: "SH",
    from: DEMO_PARTNER_ID,
    to: DEMO_ERP_ID,
    control,
    at,
    segments: [
      `BSN*00*${asn.shipmentId}*${t.ccyymmdd}*${t.hhmm}`,
      "HL*1**S",
      `TD5**2*${asn.carrier}`,
      "HL*2*1*O",
      `PRF*${asn.poNumber}`,
      ...asn.lines.flatMap((l, i) => [`HL*${i + 3}*2*I`, `LIN**VP*${l.sku}`, `SN1**${l.qty}*EA`]),
      `CTT*${asn.lines.length}`,
    ],
  });
}

/** The transaction set id (850/810/856) of an X12 document, or null when it is not X12. */
export function x12SetOf(text: string): string | null {
  return /(?:^|~)\s*ST\*(\d{3})\*/.exec(text)?.[1] ?? null;
}
