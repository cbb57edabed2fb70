import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import type { TMessageHandler, Transport } from "@/lib/engine/transports/types";
import { QueueInput } from "./input-queue";

/** Only what QueueInput uses of a transport: one consumer whose deliveries the test pushes. */
function pushTransport() {
  let handler: TMessageHandler | null = null;
  const transport = {
    consume: async (_queue: string, h: TMessageHandler) => {
      handler = h;
      return { done: Promise.resolve() };
    },
  } as unknown as Transport;
  const deliver = (body: unknown) =>
    handler!(createMessage({ body }), { deliveryCount: 1, abortInFlight: new AbortController().signal } as never);
  return { transport, deliver };
}

describe("queue input", () => {
  it("hands deliveries to reads in order and settles each delivery with its ack", async () => {
    const { transport, deliver } = pushTransport();
    const input = new QueueInput(transport, { queue: "q", prefetch: 10 });
    await input.connect();
    const s = new AbortController().signal;
    const waiting = input.read(s);
    const first = deliver("a");
    const second = deliver("b"); // nobody reads yet: it waits in the input
    const h1 = await waiting;
    expect(h1.msg.body).toBe("a");
    await h1.ack();
    await expect(first).resolves.toBeUndefined();
    const h2 = await input.read(s);
    expect(h2.msg.body).toBe("b");
    await h2.ack(new Error("run failed"));
    await expect(second).rejects.toThrow("run failed"); // the transport returns it to the queue
  });

  it("rejects the reads waiting on a signal when it aborts, and the next delivery waits for a live read", async () => {
    const { transport, deliver } = pushTransport();
    const input = new QueueInput(transport, { queue: "q", prefetch: 10 });
    await input.connect();
    const stop = new AbortController();
    const other = new AbortController();
    const stopped = [input.read(stop.signal), input.read(stop.signal)];
    const live = input.read(other.signal);
    stop.abort(new Error("pausing"));
    for (const r of stopped) await expect(r).rejects.toThrow("pausing");
    const delivered = deliver("c");
    expect((await live).msg.body).toBe("c");
    await expect(input.read(stop.signal)).rejects.toThrow("pausing"); // already aborted: no wait
    const later = deliver("d");
    const h = await input.read(other.signal);
    expect(h.msg.body).toBe("d");
    await Promise.all([(await live).ack(), h.ack()]);
    await expect(Promise.all([delivered, later])).resolves.toBeDefined();
  });
});
