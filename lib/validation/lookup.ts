import { z } from "zod";

// Server-searched pickers (components/ui/combobox.tsx): the client sends what the user typed, the
// server answers with the first matches by name and how many match in all, so a picker never
// silently offers only the first N rows of a table.

export const LOOKUP_LIMIT = 20;
export const MAX_LOOKUP_LIMIT = 50;

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => v || undefined);

export const ZLookupQuery = z.object({
  q: z.string().trim().max(200).default(""),
  limit: z.coerce.number().int().min(1).max(MAX_LOOKUP_LIMIT).default(LOOKUP_LIMIT),
});
export type TLookupQuery = z.input<typeof ZLookupQuery>;

/** Processes: optionally within one department, or only those linked to a system (the graph's filter). */
export const ZProcessLookupQuery = ZLookupQuery.extend({
  departmentId: optionalId,
  withSystems: z.boolean().default(false),
});
export type TProcessLookupQuery = z.input<typeof ZProcessLookupQuery>;

/** Candidates: `excludeId` leaves out the candidate being edited (it cannot depend on itself). */
export const ZCandidateLookupQuery = ZLookupQuery.extend({ excludeId: optionalId });
export type TCandidateLookupQuery = z.input<typeof ZCandidateLookupQuery>;

/** Failed steps of the dead letter channel, optionally of one flow. */
export const ZStepLookupQuery = ZLookupQuery.extend({ flowId: optionalId });
export type TStepLookupQuery = z.input<typeof ZStepLookupQuery>;

export type TLookupOption = {
  id: string;
  label: string;
  /** A second line, e.g. the department of a process or "source → target" of an interface. */
  detail?: string;
  /** Something the user should know before choosing it (e.g. a residency flag); shown with the option. */
  warning?: string;
};

/** The first `limit` matches by name, and how many match in all (the picker says when it shows only some). */
export type TLookupResult = { options: TLookupOption[]; total: number };

/** Lower-cased words of a query; every word must match somewhere in the record. */
export function lookupWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}
