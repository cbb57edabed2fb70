import { z } from "zod";

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export type TAlertStatus = (typeof ALERT_STATUSES)[number];
export type TAlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** The most alerts one acknowledgement takes: a page of the inbox at its largest size. */
export const MAX_ALERTS_PER_ACTION = 100;

/** The inbox's tab (`f.status`); anything else falls back to the open alerts. */
export const ZAlertStatusTab = z.enum(ALERT_STATUSES).catch("open");

/** The inbox's filters (`f.severity`, `f.flow`), read leniently: an unknown value means no filter. */
export const ZAlertFilters = z.object({
  status: ZAlertStatusTab,
  severity: z.enum(ALERT_SEVERITIES).optional().catch(undefined),
  flow: z.string().min(1).max(100).optional().catch(undefined),
});
export type TAlertFilters = z.output<typeof ZAlertFilters>;

/** One alert or a page of them (a comma-separated string from a form, or an array). */
export const ZAlertIds = z.object({
  ids: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z
      .array(z.string().min(1).max(100))
      .min(1, "Select at least one alert.")
      .max(MAX_ALERTS_PER_ACTION, `Acknowledge at most ${MAX_ALERTS_PER_ACTION} alerts at a time.`)
      .transform((ids) => [...new Set(ids)]),
  ),
});
export type TAlertIds = z.input<typeof ZAlertIds>;

export const ZAlertId = z.object({ id: z.string().min(1).max(100) });
export type TAlertId = z.input<typeof ZAlertId>;
