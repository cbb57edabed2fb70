/**
 * Group commit: items added while a flush is running go into the next flush, so under load one
 * statement carries many messages and each caller still learns when *its* item is durable. A flush
 * may return one result per item (same order); each caller gets its own.
 */
export class Batcher<T, R = void> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  private scheduled = false;
  private flushing = 0;
  private timer: NodeJS.Timeout | null = null;

  /**
   * `lingerMs` > 0 waits that long before a flush unless `maxBatch` items are waiting: fewer, larger
   * statements for writes nobody waits on (each round trip costs far more than a row).
   */
  constructor(
    private readonly flushFn: (items: T[]) => Promise<R[] | void>,
    private readonly maxBatch = 500,
    private readonly lingerMs = 0,
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running) return;
    if (this.scheduled) {
      if (this.timer && this.queue.length >= this.maxBatch) this.flushNow();
      return;
    }
    this.scheduled = true;
    // setImmediate lets every caller woken in this turn join the same batch.
    if (this.lingerMs > 0 && this.queue.length < this.maxBatch)
      this.timer = setTimeout(() => this.flushNow(), this.lingerMs);
    else setImmediate(() => this.flushNow());
  }

  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.scheduled) return;
    this.scheduled = false;
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Lingering: flush the first batch now, then only full ones; the rest waits for the next timer.
      let first = true;
      while (this.queue.length && (first || this.lingerMs === 0 || this.queue.length >= this.maxBatch)) {
        first = false;
        const batch = this.queue.splice(0, this.maxBatch);
        this.flushing = batch.length;
        try {
          const results = await this.flushFn(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve((results ? results[i] : undefined) as R));
        } catch (error) {
          for (const b of batch) b.reject(error);
        } finally {
          this.flushing = 0;
        }
      }
    } finally {
      this.running = false;
      if (this.queue.length) this.schedule();
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Items in the flush that is running now. */
  get inFlight(): number {
    return this.flushing;
  }
}
