import { z } from "zod";
import { defineComponent, type Output } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";
import type { Transport } from "@/lib/engine/transports/types";
import { QUEUE_NAME, transportOf } from "./deps";

const ZQueueOutputConfig = z
  .object({
    queue: z
      .string()
      .regex(QUEUE_NAME, "letters, digits, . _ : - (max 200)")
      .optional()
      .describe("Publish to this queue."),
    topic: z.string().regex(QUEUE_NAME).optional().describe("Publish to a topic: every subscribed queue gets a copy."),
  })
  .strict()
  .refine((c) => Boolean(c.queue) !== Boolean(c.topic), {
    message: "set exactly one of queue or topic",
    path: ["queue"],
  });

/** Resolves once the transport made the message durable (row committed / publisher confirm). */
class QueueOutput implements Output {
  readonly endpoint: string;
  constructor(
    private readonly transport: Transport,
    private readonly config: z.output<typeof ZQueueOutputConfig>,
  ) {
    this.endpoint = `${transport.kind}:${config.topic ? `topic/${config.topic}` : config.queue}`;
  }

  async connect(): Promise<void> {}

  async write(msg: Message): Promise<void> {
    if (this.config.topic) await this.transport.publish(this.config.topic, msg, { topic: true });
    else await this.transport.publish(this.config.queue!, msg);
  }

  async close(): Promise<void> {}
}

export const queueOutput = defineComponent({
  kind: "output",
  name: "queue",
  status: "stable",
  summary: "Publish to a queue or topic on the engine's transport (Postgres or RabbitMQ), with confirms.",
  config: ZQueueOutputConfig,
  create: (config, deps) => new QueueOutput(transportOf(deps, "output queue"), config),
});
