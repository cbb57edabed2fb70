/**
 * A failure that repeats (an input whose source is down) is reported when it starts, then at most
 * once per `everyMs` with how often it happened meanwhile, and once when it clears: one line a
 * minute instead of one per retry.
 */
export class FailureStreak {
  private failures = 0;
  private unreported = 0;
  private since = 0;
  private reportedAt = -Infinity;

  constructor(
    private readonly everyMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a failure; returns how many to report (this one included), or 0 to stay quiet. */
  failed(): number {
    const now = this.now();
    if (!this.failures) this.since = now;
    this.failures++;
    this.unreported++;
    if (now - this.reportedAt < this.everyMs) return 0;
    this.reportedAt = now;
    const n = this.unreported;
    this.unreported = 0;
    return n;
  }

  /** Ends a streak; returns its length and duration once, or null when nothing was failing. */
  succeeded(): { failures: number; forMs: number } | null {
    if (!this.failures) return null;
    const streak = { failures: this.failures, forMs: this.now() - this.since };
    this.failures = 0;
    this.unreported = 0;
    this.reportedAt = -Infinity;
    return streak;
  }
}
