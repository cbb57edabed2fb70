import { z } from "zod";
import { ZListQuery } from "./list";

// Bulk actions on the dead letter channel by filter (not only the rows on a page): the client asks
// for a plan (how many pending letters match, as of when), confirms the count, then drives batches.

/** Dead letters a bulk action handles per batch, each batch in its own transaction. */
export const DLQ_BULK_BATCH = 500;

export const DLQ_BULK_ACTIONS = ["replay", "discard"] as const;
export type TDlqBulkAction = (typeof DLQ_BULK_ACTIONS)[number];

/** The DLQ list's search and filters, as in its URL (`q`, `f.flow`, `f.step`, ...). */
export const ZDeadLetterFilter = ZListQuery.pick({ q: true, filters: true });
export type TDeadLetterFilter = z.input<typeof ZDeadLetterFilter>;

const optionalId = z
  .string()
  .max(64)
  .optional()
  .transform((v) => v || undefined);

export const ZDeadLetterBulkPlanInput = z.object({
  filter: ZDeadLetterFilter,
  action: z.enum(DLQ_BULK_ACTIONS),
  /** Replay only: a version of the filtered flow at least as new as every matching letter's. */
  targetVersionId: optionalId,
});
export type TDeadLetterBulkPlanInput = z.input<typeof ZDeadLetterBulkPlanInput>;

export const ZDeadLetterBulkBatchInput = ZDeadLetterBulkPlanInput.extend({
  /** The plan's instant: letters that arrived later, or were replayed since, are not this run's. */
  asOf: z.iso.datetime(),
  /** The last id of the previous batch (ids are handled in order); null for the first. */
  after: z.string().max(64).nullable().default(null),
  reason: z.string().trim().max(500).default(""),
});
export type TDeadLetterBulkBatchInput = z.input<typeof ZDeadLetterBulkBatchInput>;
