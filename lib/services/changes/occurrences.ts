// Blackout and maintenance windows recur as RFC 5545 RRULEs (with DTSTART, UTC) and last durationMinutes.
import * as rruleModule from "rrule";

// rrule ships CommonJS to Node (tsx, the CLI, the engine) and ESM to bundlers (Next, vitest): take
// the named exports from whichever arrived.
const rrule = ((rruleModule as { default?: typeof rruleModule }).default ?? rruleModule) as typeof rruleModule;
const { RRule, rrulestr } = rrule;
type RRule = InstanceType<typeof RRule>;

export type TOccurrence = { start: Date; end: Date };

/** Parses the rule or returns what to fix, in words a form can show. */
export function parseRrule(text: string): { rule: RRule } | { error: string } {
  const trimmed = text.trim();
  if (!/DTSTART/i.test(trimmed))
    return { error: "Start the rule with DTSTART, e.g. DTSTART:20260101T000000Z then RRULE:FREQ=MONTHLY;..." };
  if (!/RRULE:|FREQ=/i.test(trimmed)) return { error: "Add the recurrence, e.g. RRULE:FREQ=WEEKLY;BYDAY=SA." };
  try {
    const rule = rrulestr(trimmed, { forceset: false });
    if (!(rule instanceof RRule)) return { error: "Use one DTSTART and one RRULE line." };
    // Expanding once catches rules that parse but cannot produce dates.
    rule.after(new Date(0), true);
    return { rule };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      error: `The recurrence rule cannot be read (${why}). Use e.g. DTSTART:20260101T000000Z\\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1.`,
    };
  }
}

/** Occurrences that overlap [from, to): those that start before `to` and end after `from`. */
export function occurrencesBetween(rrule: string, durationMinutes: number, from: Date, to: Date): TOccurrence[] {
  const parsed = parseRrule(rrule);
  if ("error" in parsed) return [];
  const ms = durationMinutes * 60_000;
  return parsed.rule
    .between(new Date(from.getTime() - ms), to, true)
    .map((start) => ({ start, end: new Date(start.getTime() + ms) }))
    .filter((o) => o.end > from && o.start < to);
}

export const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) =>
  a.start < b.end && b.start < a.end;

/** Whether [start, end] lies inside one occurrence of the window. */
export function insideOccurrence(rrule: string, durationMinutes: number, start: Date, end: Date): boolean {
  return occurrencesBetween(rrule, durationMinutes, start, end).some((o) => o.start <= start && o.end >= end);
}
