const numberFormat = new Intl.NumberFormat("en-US");

/** A fixed locale keeps server and client renders identical (no hydration mismatch). */
export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** At least one page, so "Page 1 of 1" reads naturally for an empty list. */
export function getPageCount(total: number, pageSize: number): number {
  if (pageSize <= 0) return 1;
  return Math.max(1, Math.ceil(total / pageSize));
}

/** 1-based inclusive range of the rows on `page`; `{0, 0}` when the page holds none. */
export function getRowRange(page: number, pageSize: number, total: number): { from: number; to: number } {
  const from = (page - 1) * pageSize + 1;
  if (total <= 0 || from > total || page < 1) return { from: 0, to: 0 };
  return { from, to: Math.min(page * pageSize, total) };
}

export function isPageOutOfRange(page: number, pageSize: number, total: number): boolean {
  return total > 0 && page > getPageCount(total, pageSize);
}

/**
 * "Showing 1–25 of 10,234"; the en dash is the typographic range separator. `isLowerBound`: the
 * count stopped at `total`, so "of more than 10,025".
 */
export function describeRange(page: number, pageSize: number, total: number, isLowerBound = false): string {
  if (total <= 0) return "No results";
  const { from, to } = getRowRange(page, pageSize, total);
  const of = `${isLowerBound ? "more than " : ""}${formatCount(total)}`;
  if (from === 0) return `No rows on this page of ${of}`;
  return `Showing ${formatCount(from)}–${formatCount(to)} of ${of}`;
}
