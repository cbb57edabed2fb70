import "server-only";
// Display formats shared by the dashboard, the PDF and the PNG, so each shows the same text for a figure
// (the candidate pages format money the same way: en-US dollars, no cents).
import type { RoiFigure } from "../prioritization/roi";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const formatMoney = (value: number | null): string => (value === null ? "—" : money.format(value));
export const formatCount = (value: number): string => count.format(value);
/** Numbers inside formulas: up to two decimals, thousands separated. */
export const formatNumber = (value: number): string => (Number.isFinite(value) ? plain.format(value) : String(value));
/** `value` is already a percentage (12.5 means 12.5 %), as RoiFigure percent values are. */
export const formatPercent = (value: number | null, digits = 1): string =>
  value === null ? "—" : `${value.toLocaleString("en-US", { maximumFractionDigits: digits })} %`;

export function formatFigureValue(f: Pick<RoiFigure, "value" | "unit">): string {
  if (f.value === null) return "—";
  switch (f.unit) {
    case "currency":
      return formatMoney(f.value);
    case "percent":
      return formatPercent(f.value);
    case "months":
      return `${formatNumber(f.value)} months`;
    case "hours":
      return `${formatNumber(f.value)} h`;
    case "txn/hour":
      return `${formatNumber(f.value)} per hour`;
  }
}

/** "2026-10-03" for a UTC day. */
export const formatDay = (iso: string | null): string => (iso ? iso.slice(0, 10) : "—");
