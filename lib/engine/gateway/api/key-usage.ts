import type pg from "pg";
import type { TLog } from "@/lib/engine/runtime/context";

const MINUTE = 60_000;

/**
 * Records ApiKey.lastUsedAt off the request path: a key is marked at most once a minute, and the marks
 * are written in one UPDATE per flush. Losing a flush (crash) only makes "last used" a minute older.
 */
export class KeyUsage {
  private readonly markedAt = new Map<string, number>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: { flushMs: number; log: TLog },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref();
  }

  /** Synchronous and cheap: called on every authenticated request. */
  touch(keyId: string, now = Date.now()): void {
    const last = this.markedAt.get(keyId);
    if (last !== undefined && now - last < MINUTE) return;
    this.markedAt.set(keyId, now);
    this.pending.add(keyId);
  }

  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const ids = [...this.pending];
    this.pending = new Set();
    await this.pool
      .query(`UPDATE "ApiKey" SET "lastUsedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = ANY($1::text[])`, [ids])
      .catch((error: unknown) => {
        for (const id of ids) this.markedAt.delete(id);
        this.opts.log.warn({ err: String(error), keys: ids.length }, "recording API key use failed");
      });
    if (this.markedAt.size > 100_000) {
      const cutoff = Date.now() - MINUTE;
      for (const [id, at] of this.markedAt) if (at < cutoff) this.markedAt.delete(id);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
