import type { Ack, EngineDeps } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";
import { abortableSleep } from "@/lib/engine/core/retry";

/** How often an engine that does not hold the lease checks whether the holder is gone. */
const STANDBY_RETRY_MS = 10_000;

/**
 * Shared shape of polling inputs: fetch a batch every interval, hand messages out one by one, and
 * commit the batch's position (cursor, ETag, watermark) only after every message in it is acked.
 * With `deps.pollState` (a deployed flow) the position is durable and leased: a restarted engine
 * carries on where the last committed batch ended, and of several engines only the lease holder polls.
 */
export abstract class PollLoop<TPosition> {
  private batch: { msg: Message; ack: Ack }[] = [];
  private nextPollAt = -Infinity;
  /** Resolves when every message of the last batch was acked; the next poll waits for it. */
  private settled: Promise<void> = Promise.resolve();
  protected position: TPosition;

  constructor(
    initial: TPosition,
    private readonly intervalMs: number,
    protected readonly deps: EngineDeps,
  ) {
    this.position = initial;
  }

  /** One poll: the messages found and the position to commit once all of them are acked. */
  protected abstract poll(s: AbortSignal): Promise<{ messages: Message[]; next: TPosition }>;

  async connect(): Promise<void> {}

  async close(): Promise<void> {
    await this.deps.pollState?.release();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async read(s: AbortSignal): Promise<{ msg: Message; ack: Ack }> {
    for (;;) {
      const item = this.batch.shift();
      if (item) return item;
      const wait = this.nextPollAt - this.now();
      if (wait > 0) await (this.deps.sleep ?? abortableSleep)(wait, s);
      await this.settled;
      if (this.deps.pollState) {
        const lease = await this.deps.pollState.lease();
        if (!lease) {
          this.nextPollAt = this.now() + Math.min(this.intervalMs, STANDBY_RETRY_MS);
          continue;
        }
        if (lease.position !== null && lease.position !== undefined) this.position = lease.position as TPosition;
      }
      this.nextPollAt = this.now() + this.intervalMs;
      const { messages, next } = await this.poll(s);
      if (!messages.length) {
        await this.commit(next);
        continue;
      }
      let remaining = messages.length;
      let hasFailed = false;
      let done!: () => void;
      this.settled = new Promise((resolve) => (done = resolve));
      this.batch = messages.map((msg) => ({
        msg,
        ack: async (error?: Error) => {
          hasFailed ||= Boolean(error);
          if (--remaining > 0) return;
          if (!hasFailed) await this.commit(next);
          done();
        },
      }));
    }
  }

  private async commit(next: TPosition): Promise<void> {
    const changed = JSON.stringify(next) !== JSON.stringify(this.position);
    this.position = next;
    if (!changed || !this.deps.pollState) return;
    try {
      if (!(await this.deps.pollState.save(next))) {
        this.deps.log?.warn(
          { position: next },
          "another engine took over this poll before the batch was committed; it may poll the batch again",
        );
      }
    } catch (error) {
      // The batch is processed; if the position cannot be kept, a restart polls it again (at least once).
      this.deps.log?.warn({ err: String(error) }, "could not save the poll position");
    }
  }
}
