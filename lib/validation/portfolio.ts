import { z } from "zod";
import { CANDIDATE_STATUSES } from "./prioritization";

/** The executive ROI report's download formats (the portal's export route and `switchboard report roi`). */
export const REPORT_FORMATS = ["pdf", "png"] as const;
export const ZReportFormat = z.enum(REPORT_FORMATS, { error: "Choose format pdf or png." });
export type TReportFormat = z.infer<typeof ZReportFormat>;

/** "none" picks the initiatives the roadmap has not placed in a wave (not scored yet, or unschedulable). */
export const NO_WAVE = "none";

/**
 * The dashboard's filters, from the list query's `f.wave`, `f.status` and `q`. A value that does not
 * parse is dropped (a hand-edited URL shows everything rather than an error).
 */
export const ZPortfolioFilters = z.object({
  wave: z
    .string()
    .regex(/^(\d{1,2}|none)$/)
    .optional()
    .catch(undefined),
  status: z.enum(CANDIDATE_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});
export type TPortfolioFilters = z.infer<typeof ZPortfolioFilters>;

/**
 * "Apply observed figures": the values the facilitator saw and confirmed. The service recomputes them
 * from the rollups and refuses when they no longer match, so what is written is what was confirmed.
 */
export const ZApplyObservedFiguresInput = z.object({
  processId: z.string().min(1),
  volumePerMonth: z.number().int().min(0).max(100_000_000),
  errorRatePct: z.number().min(0).max(100),
});
export type TApplyObservedFiguresInput = z.infer<typeof ZApplyObservedFiguresInput>;
