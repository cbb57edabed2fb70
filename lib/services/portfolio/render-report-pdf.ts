import "server-only";
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { formatFigureValue, formatCount, formatMoney, formatPercent, formatDay } from "./format";
import { chartInitiatives, type TPortfolioReport } from "./get-portfolio-report";

// The report as a PDF: the figures are real text (Helvetica, so a reader can search and copy them) and
// the charts are vector shapes. A4 portrait; the initiative table continues onto further pages.

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const WIDTH = A4[0] - 2 * MARGIN;
const INK = rgb(0.06, 0.09, 0.16);
const MUTED = rgb(0.39, 0.45, 0.55);
const LINE = rgb(0.89, 0.91, 0.94);
const ESTIMATE = rgb(0.58, 0.64, 0.72);
const REALIZED = rgb(0.31, 0.27, 0.9);
const DANGER = rgb(0.86, 0.15, 0.15);

/** The standard fonts encode WinAnsi only: swap the model's typography for what they can draw. */
const REPLACEMENTS: Record<string, string> = { "−": "-", "→": "->", Σ: "sum of ", "≥": ">=", "≤": "<=", "÷": "/" };

class Writer {
  private page!: PDFPage;
  y = 0;
  private charset: Set<number>;
  constructor(
    private doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.charset = new Set(font.getCharacterSet());
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  /** Starts a new page unless `height` still fits above the bottom margin. */
  room(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }
  clean(text: string): string {
    const swapped = [...text].map((ch) => REPLACEMENTS[ch] ?? ch).join("");
    return [...swapped].map((ch) => (this.charset.has(ch.codePointAt(0)!) ? ch : "?")).join("");
  }
  fit(text: string, size: number, width: number, font = this.font): string {
    let t = this.clean(text);
    if (font.widthOfTextAtSize(t, size) <= width) return t;
    while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, size) > width) t = t.slice(0, -1);
    return `${t}...`;
  }
  text(
    text: string,
    x: number,
    y: number,
    opts: { size?: number; font?: PDFFont; color?: RGB; width?: number; align?: "left" | "right" } = {},
  ) {
    const size = opts.size ?? 9;
    const font = opts.font ?? this.font;
    const t = opts.width ? this.fit(text, size, opts.width, font) : this.clean(text);
    const dx = opts.align === "right" && opts.width ? opts.width - font.widthOfTextAtSize(t, size) : 0;
    this.page.drawText(t, { x: x + dx, y, size, font, color: opts.color ?? INK });
  }
  /** Wrapped paragraph at the cursor. */
  paragraph(text: string, size = 8.5, color = MUTED, x = MARGIN, width = WIDTH) {
    const words = this.clean(text).split(" ");
    let line = "";
    const flush = () => {
      this.room(size + 3);
      this.text(line, x, this.y - size, { size, color });
      this.y -= size + 3;
      line = "";
    };
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (this.font.widthOfTextAtSize(next, size) > width && line) {
        flush();
        line = w;
      } else line = next;
    }
    if (line) flush();
  }
  heading(text: string) {
    this.room(40);
    this.y -= 14;
    this.text(text, MARGIN, this.y - 12, { size: 12, font: this.bold });
    this.y -= 20;
  }
  rect(x: number, y: number, width: number, height: number, color: RGB, border?: RGB) {
    this.page.drawRectangle({ x, y, width, height, color, borderColor: border, borderWidth: border ? 0.75 : 0 });
  }
  line(x1: number, y1: number, x2: number, y2: number, color = LINE) {
    this.page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.75, color });
  }
}

function drawKpis(w: Writer, report: TPortfolioReport) {
  const t = report.totals;
  const cfr = report.changeFailure.window;
  const tiles = [
    {
      label: t.estimatedAnnualSavings.label,
      value: formatFigureValue(t.estimatedAnnualSavings),
      hint: `${t.initiatives} initiatives`,
    },
    { label: t.realizedToDate.label, value: formatFigureValue(t.realizedToDate), hint: `${t.live} in production` },
    {
      label: t.runRate.label,
      value: formatFigureValue(t.runRate),
      hint: `${formatPercent(t.realization.value)} of estimate`,
    },
    { label: t.paybackProgress.label, value: formatFigureValue(t.paybackProgress), hint: "of build cost, live" },
    {
      label: "Change failure rate",
      value: formatPercent(cfr.ratePct),
      hint: `${cfr.failed} of ${cfr.implemented}, ${cfr.days} days`,
    },
  ];
  const gap = 8;
  const tileW = (WIDTH - gap * (tiles.length - 1)) / tiles.length;
  const h = 52;
  w.room(h + 8);
  tiles.forEach((tile, k) => {
    const x = MARGIN + k * (tileW + gap);
    w.rect(x, w.y - h, tileW, h, rgb(1, 1, 1), LINE);
    w.text(tile.label, x + 6, w.y - 13, { size: 6.5, color: MUTED, width: tileW - 12 });
    w.text(tile.value, x + 6, w.y - 31, { size: 13, font: w.bold, width: tileW - 12 });
    w.text(tile.hint, x + 6, w.y - 44, { size: 6.5, color: MUTED, width: tileW - 12 });
  });
  w.y -= h + 8;
}

function drawBars(w: Writer, report: TPortfolioReport) {
  const items = chartInitiatives(report, 8);
  w.heading("Estimated vs realized annual savings");
  if (!items.length) return w.paragraph("No initiatives match the filters.");
  const labelW = 150;
  const valueW = 60;
  const barMax = WIDTH - labelW - valueW - 10;
  const max = Math.max(
    1,
    ...items.flatMap((i) => [i.estimate.annualSavings.value ?? 0, i.realized.runRate.value ?? 0]),
  );
  for (const i of items) {
    w.room(28);
    const top = w.y;
    w.text(i.name, MARGIN, top - 13, { size: 8, width: labelW - 6 });
    const rows = [
      { value: i.estimate.annualSavings.value ?? 0, color: ESTIMATE },
      { value: i.realized.runRate.value ?? 0, color: REALIZED },
    ];
    rows.forEach((r, k) => {
      const y = top - 10 - k * 10;
      const len = (r.value / max) * barMax;
      if (len > 0) w.rect(MARGIN + labelW, y, len, 8, r.color);
      const label = k === 1 && !i.isLive ? "not live yet" : formatMoney(r.value);
      w.text(label, MARGIN + labelW + len + 4, y + 1, { size: 7, color: MUTED });
    });
    w.y -= 26;
  }
  w.room(14);
  w.rect(MARGIN + labelW, w.y - 8, 8, 6, ESTIMATE);
  w.text("Estimated (workshop ROI model)", MARGIN + labelW + 12, w.y - 8, { size: 7, color: MUTED });
  w.rect(MARGIN + labelW + 150, w.y - 8, 8, 6, REALIZED);
  w.text("Realized run-rate", MARGIN + labelW + 162, w.y - 8, { size: 7, color: MUTED });
  w.y -= 16;
}

function drawChangeFailure(w: Writer, report: TPortfolioReport) {
  const cfr = report.changeFailure;
  w.heading("Change failure rate (CAB)");
  w.paragraph(
    `${formatPercent(cfr.window.ratePct)} over the last ${cfr.window.days} days: ${cfr.window.failed} of ${cfr.window.implemented} implemented changes rolled back.`,
    9,
    INK,
  );
  const h = 70;
  w.room(h + 20);
  const base = w.y - h;
  const colW = WIDTH / cfr.months.length;
  w.line(MARGIN, base, MARGIN + WIDTH, base);
  cfr.months.forEach((m, k) => {
    const x = MARGIN + k * colW;
    const height = m.ratePct === null ? 0 : (m.ratePct / 100) * (h - 14);
    if (height > 0) w.rect(x + colW * 0.3, base, colW * 0.4, height, DANGER);
    const label = m.ratePct === null ? "no changes" : `${formatPercent(m.ratePct)} (${m.failed}/${m.implemented})`;
    w.text(label, x, base + height + 3, { size: 7, color: MUTED, width: colW, align: "right" });
    w.text(m.label, x, base - 10, { size: 7, color: MUTED, width: colW, align: "right" });
  });
  w.y = base - 18;
}

function drawHeatmap(w: Writer, report: TPortfolioReport) {
  const h = report.heatmap;
  w.heading("Risk heatmap: business criticality × production health");
  w.paragraph("Estimated annual savings at stake per cell.");
  const labelW = 95;
  const colW = (WIDTH - labelW) / h.columns.length;
  const max = Math.max(1, ...h.values.flat().map((v) => v ?? 0));
  w.room(14 + 16 * h.rows.length);
  h.columns.forEach((c, k) =>
    w.text(c, MARGIN + labelW + k * colW, w.y - 9, { size: 7, font: w.bold, color: MUTED, width: colW - 4 }),
  );
  w.y -= 13;
  h.rows.forEach((row, r) => {
    w.text(row, MARGIN, w.y - 10, { size: 7.5, width: labelW - 4 });
    h.columns.forEach((_, c) => {
      const v = h.values[r]?.[c] ?? null;
      const x = MARGIN + labelW + c * colW;
      const shade = v === null ? 0 : 0.15 + 0.6 * (v / max);
      w.rect(
        x,
        w.y - 14,
        colW - 4,
        13,
        v === null ? rgb(0.97, 0.98, 0.99) : rgb(1 - shade * 0.7, 1 - shade * 0.73, 1 - shade * 0.1),
      );
      w.text(v === null ? "-" : formatMoney(v), x + 3, w.y - 10, { size: 7, width: colW - 10 });
    });
    w.y -= 16;
  });
  for (const cell of h.cells) w.paragraph(`${cell.row} · ${cell.column}: ${cell.names.join(", ")}`, 7.5);
}

const COLUMNS = [
  { header: "Initiative", width: 150 },
  { header: "Status", width: 48 },
  { header: "Wave", width: 42 },
  { header: "Est. savings / yr", width: 70, right: true },
  { header: "Realized to date", width: 70, right: true },
  { header: "Run-rate / yr", width: 70, right: true },
  { header: "Payback", width: 65, right: true },
] as const;

function drawTable(w: Writer, report: TPortfolioReport) {
  w.heading(`Initiatives (${report.initiatives.length})`);
  const header = () => {
    w.room(30); // the header and at least one row
    let x = MARGIN;
    for (const c of COLUMNS) {
      w.text(c.header, x, w.y - 9, {
        size: 7,
        font: w.bold,
        color: MUTED,
        width: c.width - 4,
        align: "right" in c ? "right" : "left",
      });
      x += c.width;
    }
    w.y -= 13;
    w.line(MARGIN, w.y, MARGIN + WIDTH, w.y);
  };
  header();
  for (const i of report.initiatives) {
    if (w.y - 14 < MARGIN) {
      w.newPage();
      header();
    }
    const cells = [
      i.name,
      i.status,
      i.waveLabel,
      formatFigureValue(i.estimate.annualSavings),
      i.isLive ? formatFigureValue(i.realized.realizedToDate) : "not live",
      i.isLive ? formatFigureValue(i.realized.runRate) : "—",
      i.isLive ? formatFigureValue(i.realized.paybackProgress) : "—",
    ];
    let x = MARGIN;
    COLUMNS.forEach((c, k) => {
      w.text(cells[k]!, x, w.y - 10, { size: 7.5, width: c.width - 4, align: "right" in c ? "right" : "left" });
      x += c.width;
    });
    w.y -= 14;
    w.line(MARGIN, w.y, MARGIN + WIDTH, w.y);
  }
}

function drawFormulas(w: Writer, report: TPortfolioReport) {
  const live = report.initiatives.filter((i) => i.isLive);
  if (!live.length) return;
  w.heading("How the realized figures are computed");
  for (const i of live) {
    w.room(30);
    w.text(
      `${i.name} (live since ${formatDay(i.liveSince)}, ${formatCount(i.messagesToDate)} messages)`,
      MARGIN,
      w.y - 10,
      {
        size: 8.5,
        font: w.bold,
        width: WIDTH,
      },
    );
    w.y -= 14;
    for (const f of [i.realized.realizedToDate, i.realized.runRate, i.realized.paybackProgress])
      w.paragraph(`${f.label}: ${f.steps.join("; ")}`, 8);
  }
}

export async function renderReportPdf(report: TPortfolioReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const generated = new Date(report.generatedAt);
  doc.setTitle("Portfolio ROI report");
  doc.setSubject(`Estimated against realized ROI: ${report.filterLabel}`);
  doc.setCreator("Switchboard");
  doc.setProducer("Switchboard (pdf-lib)");
  doc.setCreationDate(generated);
  doc.setModificationDate(generated);
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  w.text("Portfolio ROI report", MARGIN, w.y - 18, { size: 18, font: w.bold });
  w.y -= 26;
  w.text(
    `${report.filterLabel} · generated ${report.generatedAt.slice(0, 16).replace("T", " ")} UTC`,
    MARGIN,
    w.y - 9,
    { color: MUTED },
  );
  w.y -= 22;
  drawKpis(w, report);
  drawBars(w, report);
  drawChangeFailure(w, report);
  drawHeatmap(w, report);
  drawTable(w, report);
  drawFormulas(w, report);
  w.heading("Definitions");
  for (const d of report.definitions) w.paragraph(`${d.term}: ${d.text}`);
  return doc.save();
}
