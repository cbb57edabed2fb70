import type { Ack, EngineDeps } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";
import { abortableSleep } from "@/lib/engine/core/retry";

/**
 * Shared shape of polling inputs: fetch a batch every interval, hand messages out one by one, and
 * commit the batch's position (cursor, ETag, watermark) only after every message in it is acked.
 */
export abstract class PollLoop<TPosition> {
  private batch: { msg: Message; ack: Ack }[] = [];
  private lastPollAt = -Infinity;
  /** Resolves when every message of the last batch was acked; the next poll waits for it. */
  private settled: Promise<void> = Promise.resolve();
  protected position: TPosition;

  constructor(initial: TPosition, private readonly intervalMs: number, protected readonly deps: EngineDeps) {
    this.position = initial;
  }

  /** One poll: the messages found and the position to commit once all of them are acked. */
  protected abstract poll(s: AbortSignal): Promise<{ messages: Message[]; next: TPosition }>;

  async read(s: AbortSignal): Promise<{ msg: Message; ack: Ack }> {
    for (;;) {
      const item = this.batch.shift();
      if (item) return item;
      const now = (this.deps.now ?? Date.now)();
      const wait = this.lastPollAt + this.intervalMs - now;
      if (wait > 0) await (this.deps.sleep ?? abortableSleep)(wait, s);
      await this.settled;
      this.lastPollAt = (this.deps.now ?? Date.now)();
      const { messages, next } = await this.poll(s);
      if (!messages.length) {
        this.position = next;
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
          if (!hasFailed) this.position = next;
          done();
        },
      }));
    }
  }
}
