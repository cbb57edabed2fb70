import { z } from "zod";

// Inputs of the quarantine review's services and actions (pure: the client components import the types).

export const QUARANTINE_STATUSES = ["pending", "resubmit_requested", "resubmitted", "rejected"] as const;
export type TQuarantineStatus = (typeof QUARANTINE_STATUSES)[number];

/** Entries a bulk job handles per chunk (one transaction, each entry audited). */
export const QUARANTINE_BULK_CHUNK = 200;

const zId = z.string().trim().min(1).max(64);
const zDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-01-31")
  .optional();

/**
 * The review list's filter: flow, environment (key), rule set (key), rule id, field, status (default
 * pending; "all" lifts it), created from/to (days, inclusive), mine ("1": quarantines I am the data owner of)
 * and `q` (message or correlation id, rule set).
 */
export const ZQuarantineFilter = z.object({
  q: z.string().trim().max(200).default(""),
  filters: z
    .object({
      flow: zId.optional(),
      environment: z.string().trim().max(64).optional(),
      ruleSet: z.string().trim().max(100).optional(),
      rule: z.string().trim().max(100).optional(),
      field: z.string().trim().max(300).optional(),
      status: z.enum([...QUARANTINE_STATUSES, "all"]).optional(),
      from: zDay,
      to: zDay,
      mine: z.enum(["1"]).optional(),
    })
    .catchall(z.string().max(200))
    .default({}),
});
export type TQuarantineFilter = z.input<typeof ZQuarantineFilter>;

export const ZQuarantineIds = z.object({ ids: z.array(zId).min(1, "Select at least one entry.").max(500) });

export const ZFixQuarantineInput = z.object({
  id: zId,
  /** The record as edited, JSON text. */
  record: z.string().min(1, "The record cannot be empty.").max(1_000_000, "The record is larger than 1 MB."),
  /** Check the fix against the rule set deployed in the entry's environment before saving. */
  recheck: z.boolean().default(true),
  /** Also ask the engine to resubmit it once saved (and, with recheck, passing). */
  resubmit: z.boolean().default(false),
});
export type TFixQuarantineInput = z.input<typeof ZFixQuarantineInput>;

export const ZRejectQuarantineInput = ZQuarantineIds.extend({
  reason: z.string().trim().min(3, "Say why (at least 3 characters).").max(500),
});

export const ZStartQuarantineBulkInput = z
  .object({
    filter: ZQuarantineFilter,
    action: z.enum(["resubmit", "reject"]),
    reason: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "reject" && (v.reason ?? "").length < 3)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why (at least 3 characters)." });
  });
export type TStartQuarantineBulkInput = z.input<typeof ZStartQuarantineBulkInput>;

export const ZQuarantineBulkJobInput = z.object({ jobId: zId });
