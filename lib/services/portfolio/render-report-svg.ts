import "server-only";
import { formatFigureValue, formatMoney, formatPercent } from "./format";
import { chartInitiatives, type TPortfolioReport } from "./get-portfolio-report";

// The report as one SVG picture (the PNG export rasterizes it): the KPI tiles, estimated against realized
// savings, the change failure rate by month and the risk heatmap. Text uses the bundled DejaVu Sans.

export const SVG_WIDTH = 1200;
const PAD = 40;
const INNER = SVG_WIDTH - 2 * PAD;
export const SVG_FONT_FAMILY = "DejaVu Sans";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

type TextOpts = { size?: number; weight?: "bold"; fill?: string; anchor?: "start" | "end" | "middle" };
const text = (x: number, y: number, s: string, o: TextOpts = {}) =>
  `<text x="${x}" y="${y}" font-size="${o.size ?? 14}"${o.weight ? ` font-weight="${o.weight}"` : ""} fill="${o.fill ?? "#0f172a"}" text-anchor="${o.anchor ?? "start"}">${esc(s)}</text>`;
const rect = (x: number, y: number, w: number, h: number, fill: string, extra = "") =>
  `<rect x="${x}" y="${y}" width="${Math.max(0, w)}" height="${h}" fill="${fill}" ${extra}/>`;

function kpis(report: TPortfolioReport, y: number): { svg: string; height: number } {
  const t = report.totals;
  const cfr = report.changeFailure.window;
  const tiles = [
    [t.estimatedAnnualSavings.label, formatFigureValue(t.estimatedAnnualSavings), `${t.initiatives} initiatives`],
    [t.realizedToDate.label, formatFigureValue(t.realizedToDate), `${t.live} in production`],
    [t.runRate.label, formatFigureValue(t.runRate), `${formatPercent(t.realization.value)} of estimate`],
    [t.paybackProgress.label, formatFigureValue(t.paybackProgress), "of build cost, live"],
    ["Change failure rate", formatPercent(cfr.ratePct), `${cfr.failed} of ${cfr.implemented}, ${cfr.days} days`],
  ];
  const gap = 16;
  const w = (INNER - gap * (tiles.length - 1)) / tiles.length;
  const h = 96;
  const svg = tiles
    .map(([label, value, hint], k) => {
      const x = PAD + k * (w + gap);
      return [
        rect(x, y, w, h, "#ffffff", 'rx="8" stroke="#e2e8f0"'),
        text(x + 14, y + 26, label!.toUpperCase(), { size: 11, fill: "#64748b" }),
        text(x + 14, y + 58, value!, { size: 24, weight: "bold" }),
        text(x + 14, y + 80, hint!, { size: 12, fill: "#64748b" }),
      ].join("");
    })
    .join("");
  return { svg, height: h };
}

function bars(report: TPortfolioReport, y: number): { svg: string; height: number } {
  const items = chartInitiatives(report, 8);
  const out = [text(PAD, y + 20, "Estimated vs realized annual savings", { size: 18, weight: "bold" })];
  const labelW = 300;
  const barMax = INNER - labelW - 110;
  const max = Math.max(
    1,
    ...items.flatMap((i) => [i.estimate.annualSavings.value ?? 0, i.realized.runRate.value ?? 0]),
  );
  let cy = y + 44;
  if (!items.length) out.push(text(PAD, cy + 16, "No initiatives match the filters.", { fill: "#64748b" }));
  for (const i of items) {
    out.push(text(PAD, cy + 22, cut(i.name, 38), { size: 14 }));
    [
      { v: i.estimate.annualSavings.value ?? 0, fill: "#94a3b8" },
      { v: i.realized.runRate.value ?? 0, fill: "#4f46e5" },
    ].forEach((b, k) => {
      const by = cy + 6 + k * 16;
      const len = (b.v / max) * barMax;
      out.push(rect(PAD + labelW, by, len, 13, b.fill, 'rx="2"'));
      const label = k === 1 && !i.isLive ? "not live yet" : formatMoney(b.v);
      out.push(text(PAD + labelW + len + 6, by + 11, label, { size: 12, fill: "#475569" }));
    });
    cy += 42;
  }
  out.push(
    rect(PAD + labelW, cy + 4, 12, 12, "#94a3b8"),
    text(PAD + labelW + 18, cy + 15, "Estimated (workshop ROI model)", { size: 12, fill: "#475569" }),
  );
  out.push(
    rect(PAD + labelW + 260, cy + 4, 12, 12, "#4f46e5"),
    text(PAD + labelW + 278, cy + 15, "Realized run-rate", { size: 12, fill: "#475569" }),
  );
  return { svg: out.join(""), height: cy + 24 - y };
}

function changeFailure(report: TPortfolioReport, x: number, y: number, width: number): { svg: string; height: number } {
  const cfr = report.changeFailure;
  const out = [text(x, y + 20, "Change failure rate by month (CAB)", { size: 18, weight: "bold" })];
  const h = 150;
  const base = y + 50 + h;
  const colW = width / cfr.months.length;
  out.push(`<line x1="${x}" y1="${base}" x2="${x + width}" y2="${base}" stroke="#cbd5e1"/>`);
  cfr.months.forEach((m, k) => {
    const cx = x + k * colW + colW / 2;
    const bh = m.ratePct === null ? 0 : (m.ratePct / 100) * h;
    if (bh > 0) out.push(rect(cx - colW * 0.2, base - bh, colW * 0.4, bh, "#dc2626", 'rx="2"'));
    out.push(
      text(cx, base - bh - 6, m.ratePct === null ? "–" : formatPercent(m.ratePct), {
        size: 12,
        anchor: "middle",
        fill: "#475569",
      }),
    );
    out.push(text(cx, base + 18, m.label, { size: 12, anchor: "middle", fill: "#64748b" }));
  });
  return { svg: out.join(""), height: base + 28 - y };
}

function heatmap(report: TPortfolioReport, x: number, y: number, width: number): { svg: string; height: number } {
  const hm = report.heatmap;
  const out = [text(x, y + 20, "Risk: criticality × production health", { size: 18, weight: "bold" })];
  const labelW = 130;
  const colW = (width - labelW) / hm.columns.length;
  const max = Math.max(1, ...hm.values.flat().map((v) => v ?? 0));
  hm.columns.forEach((c, k) =>
    out.push(
      text(x + labelW + k * colW + colW / 2, y + 50, cut(c, 16), { size: 11, anchor: "middle", fill: "#475569" }),
    ),
  );
  hm.rows.forEach((row, r) => {
    const ry = y + 60 + r * 34;
    out.push(text(x, ry + 20, row, { size: 12 }));
    hm.columns.forEach((_, c) => {
      const v = hm.values[r]?.[c] ?? null;
      const alpha = v === null ? 0 : 0.15 + 0.75 * (v / max);
      const fill = v === null ? "#f1f5f9" : "#4f46e5";
      out.push(
        rect(
          x + labelW + c * colW + 2,
          ry,
          colW - 4,
          30,
          fill,
          `rx="4" fill-opacity="${v === null ? 1 : alpha.toFixed(2)}"`,
        ),
      );
      out.push(
        text(x + labelW + c * colW + colW / 2, ry + 20, v === null ? "–" : formatMoney(v), {
          size: 11,
          anchor: "middle",
          fill: alpha > 0.55 ? "#ffffff" : "#0f172a",
        }),
      );
    });
  });
  return { svg: out.join(""), height: 60 + hm.rows.length * 34 + 10 };
}

export function renderReportSvg(report: TPortfolioReport): string {
  const parts: string[] = [
    text(PAD, 56, "Portfolio ROI report", { size: 30, weight: "bold" }),
    text(PAD, 84, `${report.filterLabel} · generated ${report.generatedAt.slice(0, 16).replace("T", " ")} UTC`, {
      size: 14,
      fill: "#64748b",
    }),
  ];
  let y = 108;
  const k = kpis(report, y);
  parts.push(k.svg);
  y += k.height + 32;
  const b = bars(report, y);
  parts.push(b.svg);
  y += b.height + 32;
  const half = (INNER - 40) / 2;
  const c = changeFailure(report, PAD, y, half);
  const h = heatmap(report, PAD + half + 40, y, half);
  parts.push(c.svg, h.svg);
  y += Math.max(c.height, h.height) + PAD;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SVG_WIDTH}" height="${y}" viewBox="0 0 ${SVG_WIDTH} ${y}" font-family="${SVG_FONT_FAMILY}">`,
    rect(0, 0, SVG_WIDTH, y, "#f8fafc"),
    ...parts,
    "</svg>",
  ].join("");
}
