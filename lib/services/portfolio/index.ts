import "server-only";

export { applyObservedFigures, type TAppliedFigures } from "./apply-observed-figures";
export {
  computePortfolioTotals,
  computeRealizedRoi,
  RUN_RATE_DAYS,
  type TPortfolioTotals,
  type TRealizedRoi,
} from "./compute-realized-roi";
export { exportPortfolioReport, type TReportFile } from "./export-report";
export { formatCount, formatDay, formatFigureValue, formatMoney, formatPercent } from "./format";
export { getObservedFigures, type TObservedProcessFigures } from "./get-observed-figures";
export {
  chartInitiatives,
  getPortfolioReport,
  type TPortfolioInitiative,
  type TPortfolioReport,
  type TWaveStatusCount,
} from "./get-portfolio-report";
export { renderReportPdf } from "./render-report-pdf";
export { findReportFonts, renderReportPng } from "./render-report-png";
