import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { ZReportFormat, type TReportFormat } from "@/lib/validation/portfolio";
import { getPortfolioReport, type TPortfolioReport } from "./get-portfolio-report";
import { renderReportPdf } from "./render-report-pdf";
import { renderReportPng } from "./render-report-png";

export type TReportFile = {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
  format: TReportFormat;
  report: TPortfolioReport;
};

const CONTENT_TYPES: Record<TReportFormat, string> = { pdf: "application/pdf", png: "image/png" };

/** The portfolio report as a file: the same model the dashboard shows, rendered to PDF or PNG. */
export async function exportPortfolioReport(
  actor: Actor,
  raw: { format: unknown; filters?: unknown },
  opts: { now?: Date; fontRoot?: string } = {},
): Promise<TReportFile> {
  const format = ZReportFormat.parse(raw.format);
  const report = await getPortfolioReport(actor, raw.filters, { now: opts.now });
  const bytes = format === "pdf" ? await renderReportPdf(report) : renderReportPng(report, { fontRoot: opts.fontRoot });
  return {
    bytes,
    contentType: CONTENT_TYPES[format],
    filename: `portfolio-roi-${report.generatedAt.slice(0, 10)}.${format}`,
    format,
    report,
  };
}
