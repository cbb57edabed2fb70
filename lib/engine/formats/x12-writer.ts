import { PermanentError } from "@/lib/engine/core/errors";
import type { TX12Delimiters, TX12Document } from "./x12";
import type { TSegment } from "./x12-envelope";

export const DEFAULT_X12_DELIMITERS: TX12Delimiters = { element: "*", segment: "~", component: ">" };

const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
const GROUP_IDS: Record<string, string> = { "850": "PO", "810": "IN", "856": "SH", "855": "PR", "997": "FA" };

/**
 * A business document to wrap in ISA/GS/ST envelopes: only the transaction's body segments are
 * given (BEG…CTT for an 850, BIG…TDS for an 810, BSN…CTT for an 856); counts are computed.
 */
export type TX12Transaction = {
  transactionSet: "850" | "810" | "856" | "855" | "997";
  sender: string;
  receiver: string;
  controlNumber: number;
  /** yyyymmdd / hhmm; default now (UTC). */
  date?: string;
  time?: string;
  usageIndicator?: "P" | "T";
  segments: TSegment[];
};

function pad(value: string, width: number, index: number): string {
  if (value.length > width)
    throw new PermanentError(
      `X12 serialize: ISA${String(index + 1).padStart(2, "0")} ${JSON.stringify(value)} is longer than ${width}`,
    );
  return index === 12 ? value.padStart(width, "0") : value.padEnd(width, " ");
}

export function envelope(tx: TX12Transaction, now: Date = new Date()): TSegment[] {
  const date = tx.date ?? now.toISOString().slice(0, 10).replaceAll("-", "");
  const time = tx.time ?? now.toISOString().slice(11, 16).replace(":", "");
  const ctl = String(tx.controlNumber);
  const isa = [
    "00",
    "",
    "00",
    "",
    "ZZ",
    tx.sender,
    "ZZ",
    tx.receiver,
    date.slice(2),
    time,
    "U",
    "00401",
    ctl,
    "0",
    tx.usageIndicator ?? "P",
    ">",
  ];
  return [
    { tag: "ISA", elements: isa },
    { tag: "GS", elements: [GROUP_IDS[tx.transactionSet], tx.sender, tx.receiver, date, time, ctl, "X", "004010"] },
    { tag: "ST", elements: [tx.transactionSet, ctl.padStart(4, "0")] },
    ...tx.segments,
    { tag: "SE", elements: [String(tx.segments.length + 2), ctl.padStart(4, "0")] },
    { tag: "GE", elements: ["1", ctl] },
    { tag: "IEA", elements: ["1", ctl.padStart(9, "0")] },
  ];
}

function isTransaction(v: unknown): v is TX12Transaction {
  return v !== null && typeof v === "object" && "transactionSet" in v && Array.isArray((v as TX12Transaction).segments);
}

function isDocument(v: unknown): v is Pick<TX12Document, "segments"> & Partial<TX12Document> {
  return (
    v !== null &&
    typeof v === "object" &&
    Array.isArray((v as TX12Document).segments) &&
    (v as TX12Document).segments[0]?.tag === "ISA"
  );
}

/** Writes a parsed X12 document (or a transaction to envelope) with the given delimiters. */
export function serializeX12(value: unknown, delimiters: Partial<TX12Delimiters> = {}, now?: Date): string {
  const d = { ...DEFAULT_X12_DELIMITERS, ...(isDocument(value) ? value.delimiters : {}), ...delimiters };
  let segments: TSegment[];
  if (isTransaction(value)) segments = envelope(value, now);
  else if (isDocument(value)) segments = value.segments;
  else
    throw new PermanentError(
      "X12 serialize needs {segments:[{tag, elements}]} starting with ISA, or {transactionSet, sender, receiver, controlNumber, segments}; map the data with transform_jsonata first",
    );
  const reserved = [d.element, d.segment, d.component];
  return segments
    .map((seg, i) => {
      if (!/^[A-Z][A-Z0-9]{1,2}$/.test(seg.tag))
        throw new PermanentError(`X12 serialize: segment ${i + 1} has invalid id ${JSON.stringify(seg.tag)}`);
      const elements = seg.elements.map((e, j) => {
        const v = String(e ?? "");
        if (seg.tag === "ISA") return j === 15 ? d.component : pad(v, ISA_WIDTHS[j] ?? v.length, j);
        if (reserved.some((r) => v.includes(r)))
          throw new PermanentError(
            `X12 serialize: segment ${i + 1} (${seg.tag}) element ${j + 1} contains a delimiter`,
          );
        return v;
      });
      return [seg.tag, ...elements].join(d.element) + d.segment;
    })
    .join(/[\r\n]/.test(d.segment) ? "" : "\n");
}
