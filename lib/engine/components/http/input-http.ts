import { z } from "zod";
import { defineComponent, type Ack, type Input } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";

type Pending = { msg: Message; ack: Ack };

/**
 * The gateway hands requests to the flow through `deliver`, which resolves when the message was
 * fully handled (ack) and rejects when it was nacked, so a request-response caller can wait.
 */
export class HttpInput implements Input {
  private readonly pending: Pending[] = [];
  private readonly waiters: ((p: Pending) => void)[] = [];
  private isClosed = false;

  constructor(readonly config: z.output<typeof ZHttpInputConfig>) {}

  async connect(): Promise<void> {}

  deliver(msg: Message): Promise<void> {
    if (this.isClosed) return Promise.reject(new Error("flow input is closed"));
    return new Promise((resolve, reject) => {
      const item: Pending = { msg, ack: async (error) => (error ? reject(error) : resolve()) };
      const waiter = this.waiters.shift();
      if (waiter) waiter(item);
      else this.pending.push(item);
    });
  }

  read(s: AbortSignal): Promise<{ msg: Message; ack: Ack }> {
    const next = this.pending.shift();
    if (next) return Promise.resolve(next);
    return new Promise((resolve, reject) => {
      if (s.aborted) return reject(s.reason);
      const waiter = (p: Pending) => {
        s.removeEventListener("abort", onAbort);
        resolve(p);
      };
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(s.reason);
      };
      s.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const p of this.pending.splice(0))
      await p.ack(new Error("flow input closed before the message was processed"));
  }
}

export const ZHttpInputConfig = z
  .object({
    path: z
      .string()
      .regex(/^\/[a-z0-9/_-]{1,200}$/, "a path like /orders")
      .describe("Path under the gateway's flow prefix."),
    methods: z
      .array(z.enum(["POST", "PUT", "PATCH"]))
      .min(1)
      .default(["POST"]),
    maxBytes: z
      .number()
      .int()
      .min(1)
      .max(100 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    responseTimeoutMs: z
      .number()
      .int()
      .min(0)
      .max(120_000)
      .default(10_000)
      .describe("Request-response: wait this long for the result, then answer 202 with a status URL."),
  })
  .strict();

export const httpInput = defineComponent({
  kind: "input",
  name: "http",
  status: "stable",
  summary: "Receives HTTP requests routed by the API gateway.",
  config: ZHttpInputConfig,
  create: (config) => new HttpInput(config),
});
