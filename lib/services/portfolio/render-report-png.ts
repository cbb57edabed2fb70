import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { AppError } from "@/lib/errors";
import type { TPortfolioReport } from "./get-portfolio-report";
import { renderReportSvg, SVG_FONT_FAMILY } from "./render-report-svg";

const FONT_PACKAGE = path.join("node_modules", "dejavu-fonts-ttf", "ttf");
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/**
 * The bundled DejaVu fonts, looked up from `root` (default: the working directory) upwards, so text renders
 * on a machine without system fonts. The CLI passes its package root; the web server runs from the app's.
 */
export function findReportFonts(root = process.cwd()): string[] {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const files = FONT_FILES.map((f) => path.join(dir, FONT_PACKAGE, f));
    if (files.every((f) => existsSync(f))) return files;
    if (path.dirname(dir) === dir) break;
  }
  throw new AppError("INTERNAL", "The report font (dejavu-fonts-ttf) is not installed: run npm install.");
}

/** The report's SVG rasterized at twice its size (sharp on high-density screens and in slides). */
export function renderReportPng(report: TPortfolioReport, opts: { fontRoot?: string } = {}): Uint8Array {
  const resvg = new Resvg(renderReportSvg(report), {
    fitTo: { mode: "zoom", value: 2 },
    font: { fontFiles: findReportFonts(opts.fontRoot), loadSystemFonts: false, defaultFontFamily: SVG_FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}
