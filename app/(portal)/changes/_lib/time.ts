// Time helpers for the changes pages. Pages call these outside render logic proper: a request's "now".

/** A datetime-local value in UTC ("2026-12-02T14:00"), for the window inputs (labelled UTC). */
export const localInput = (d: Date) => d.toISOString().slice(0, 16);

/** The next full hour at least five minutes away, lasting two hours: a default the requester adjusts. */
export function defaultWindow(now = new Date()): { start: Date; end: Date } {
  const start = new Date(Math.ceil((now.getTime() + 5 * 60_000) / 3_600_000) * 3_600_000);
  return { start, end: new Date(start.getTime() + 2 * 3_600_000) };
}

/** Midnight UTC of the given day. */
export const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** "2026-12" → the first day of that month (UTC); anything else → the current month. */
export function monthFrom(param: string | undefined, now = new Date()): Date {
  const m = param?.match(/^(\d{4})-(\d{2})$/);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export const monthParam = (d: Date) => d.toISOString().slice(0, 7);

/** "2026-12-02" → that day (UTC), or the fallback. */
export function dayFrom(param: string | undefined, fallback: Date): Date {
  if (param && /^\d{4}-\d{2}-\d{2}$/.test(param)) {
    const d = new Date(`${param}T00:00:00.000Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return fallback;
}

/** "2026-12-02T14:00" (a datetime-local value, read as UTC) → ISO, or "" while incomplete. */
export function utcFromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return "";
  return `${value.slice(0, 16)}:00.000Z`;
}
