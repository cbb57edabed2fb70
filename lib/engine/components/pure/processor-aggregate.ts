import { z } from "zod";
import {
  defineComponent,
  type AggregateStore,
  type EngineDeps,
  type Processor,
  type TRunInfo,
} from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { deriveMessage, type Message } from "@/lib/engine/core/message";
import { SPLIT_COUNT_HEADER, SPLIT_INDEX_HEADER } from "./processor-split";

export const AGGREGATE_COMPLETE_HEADER = "sb-aggregate-complete";

const ZAggregateConfig = z
  .object({
    completionSize: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe("Release a group at this many messages; default: the sb-split-count header."),
    completionTimeoutMs: z
      .number()
      .int()
      .min(1)
      .max(86_400_000)
      .default(30_000)
      .describe("Release an incomplete group after this long (marked incomplete)."),
    maxGroups: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(10_000)
      .describe("Open groups held in memory at most (parts split within one run)."),
  })
  .strict();

/** `keys` name each part for the store: stable across a redelivery of the message it came from. */
type Group = { parts: Message[]; keys: string[]; startedAt: number; size: number; runs: Set<TRunInfo> };

/**
 * Aggregator by correlation id. Parts split from one message within the same run are grouped in
 * memory while the run goes on. Parts that arrive as separate messages, and the parts of groups a run
 * leaves incomplete (a filter dropped some), go to the engine's AggregateStore (Postgres) before their
 * message is acked, so a restart loses none and competing engines complete a group together; without
 * a store (flow test) they stay in memory until they complete or time out.
 */
class Aggregator implements Processor {
  private readonly groups = new Map<string, Group>();
  private readonly store: AggregateStore | null;
  /** When the store was last asked for timed-out groups (one query per flow and engine each time). */
  private storeCheckedAt = -Infinity;

  constructor(
    private readonly config: z.output<typeof ZAggregateConfig>,
    private readonly deps: EngineDeps,
  ) {
    this.store = deps.aggregateStore && deps.stepId ? deps.aggregateStore(deps.stepId) : null;
  }

  async process(msg: Message, _s: AbortSignal, run?: TRunInfo): Promise<Message[]> {
    const size = this.config.completionSize ?? Number(msg.headers[SPLIT_COUNT_HEADER]);
    if (!Number.isInteger(size) || size < 1)
      throw new PermanentError("aggregate needs completionSize or an sb-split-count header from a split step");
    if (this.store && run?.inputId === msg.id) {
      const parts = await this.store.add(msg.correlationId, msg.headers[SPLIT_INDEX_HEADER] ?? msg.id, msg, size);
      return parts ? [this.release(parts, true)] : [];
    }
    let group = this.groups.get(msg.correlationId);
    if (!group) {
      if (this.groups.size >= this.config.maxGroups)
        throw new PermanentError(
          `aggregate holds ${this.config.maxGroups} open groups (maxGroups); raise it or shorten completionTimeoutMs`,
        );
      group = { parts: [], keys: [], startedAt: (this.deps.now ?? Date.now)(), size, runs: new Set() };
      this.groups.set(msg.correlationId, group);
    }
    if (run) group.runs.add(run);
    group.parts.push(msg);
    group.keys.push(`${run?.inputId ?? ""}:${msg.headers[SPLIT_INDEX_HEADER] ?? msg.id}`);
    if (group.parts.length < group.size) return [];
    this.groups.delete(msg.correlationId);
    return [this.release(group.parts, true)];
  }

  /** Moves the groups this run left open to the store; one may complete there with parts stored earlier. */
  async endRun(run: TRunInfo): Promise<Message[]> {
    if (!this.store) return [];
    const out: Message[] = [];
    for (const [key, group] of this.groups) {
      if (!group.runs.has(run)) continue;
      this.groups.delete(key);
      let done: Message[] | null = null;
      for (const [i, part] of group.parts.entries())
        done = (await this.store.add(key, group.keys[i], part, group.size)) ?? done;
      if (done) out.push(this.release(done, true));
    }
    return out;
  }

  async flush(now: number): Promise<Message[]> {
    const out: Message[] = [];
    for (const [key, group] of this.groups) {
      if (now - group.startedAt < this.config.completionTimeoutMs) continue;
      this.groups.delete(key);
      out.push(this.release(group.parts, false));
    }
    // A tenth of the timeout apart (0.25–5 s): a group leaves at most 10% late, and an idle aggregate
    // costs the database a query every few seconds per engine instead of every tick.
    const every = Math.min(5_000, Math.max(250, this.config.completionTimeoutMs / 10));
    if (this.store && now - this.storeCheckedAt >= every) {
      this.storeCheckedAt = now;
      for (const parts of await this.store.takeExpired(this.config.completionTimeoutMs))
        out.push(this.release(parts, false));
    }
    return out;
  }

  /** One message from a group's parts (the first to arrive gives the envelope), in split order. */
  private release(arrived: Message[], isComplete: boolean): Message {
    const index = (m: Message) => Number(m.headers[SPLIT_INDEX_HEADER] ?? 0);
    const parts = [...arrived].sort((a, b) => index(a) - index(b));
    const headers: Record<string, string> = { ...arrived[0].headers, [AGGREGATE_COMPLETE_HEADER]: String(isComplete) };
    for (const h of [SPLIT_INDEX_HEADER, SPLIT_COUNT_HEADER]) delete headers[h];
    return {
      ...deriveMessage(arrived[0], { body: parts.map((p) => p.body), datacontenttype: "application/json" }),
      headers,
    };
  }
}

export const aggregateProcessor = defineComponent({
  kind: "processor",
  name: "aggregate",
  status: "beta",
  bounded: true,
  summary:
    "Aggregator: collects messages with the same correlation id into one array body, on completion size or timeout. Parts arriving as separate messages, and groups a run leaves incomplete, are kept in Postgres until released.",
  config: ZAggregateConfig,
  create: (config, deps) => new Aggregator(config, deps),
});
