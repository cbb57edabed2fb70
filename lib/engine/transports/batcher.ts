/**
 * Group commit: items added while a flush is running go into the next flush, so under load one
 * statement carries many messages and each caller still learns when *its* item is durable.
 */
export class Batcher<T> {
  private queue: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  private scheduled = false;
  private flushing = 0;

  constructor(
    private readonly flushFn: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets every caller woken in this turn join the same batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.flushing = batch.length;
        try {
          await this.flushFn(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        } finally {
          this.flushing = 0;
        }
      }
    } finally {
      this.running = false;
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
