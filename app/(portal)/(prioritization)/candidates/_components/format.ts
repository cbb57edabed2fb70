import type { RoiFigure } from "@/lib/services/prioritization/roi";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatMoney(value: number | null): string {
  return value === null ? "—" : money.format(value);
}

export function formatFigure(f: Pick<RoiFigure, "value" | "unit">): string {
  if (f.value === null) return "—";
  switch (f.unit) {
    case "currency":
      return money.format(f.value);
    case "hours":
      return `${plain.format(f.value)} h`;
    case "months":
      return `${plain.format(f.value)} months`;
    case "percent":
      return `${plain.format(f.value)} %`;
    case "txn/hour":
      return `${plain.format(f.value)} per hour`;
  }
}

export const STATUS_TONES = { draft: "neutral", proposed: "info", approved: "success" } as const;
