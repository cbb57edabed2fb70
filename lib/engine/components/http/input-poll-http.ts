import { z } from "zod";
import { defineComponent, type EngineDeps, type Input } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluatorOf } from "../shared/expressions";
import { PollLoop } from "../shared/poll-loop";
import { httpCall, zHeaders, zHttpUrl } from "./http-call";

const ZPollHttpConfig = z
  .object({
    url: zHttpUrl("URL to GET."),
    intervalMs: z.number().int().min(1_000).max(86_400_000).default(60_000),
    headers: zHeaders,
    timeoutMs: z.number().int().min(1).max(120_000).default(10_000),
    useEtag: z.boolean().default(true).describe("Send If-None-Match; a 304 means nothing new."),
    cursor: z
      .object({
        param: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,64}$/)
          .describe("Query parameter carrying the cursor."),
        next: zJsonata("Expression over the response giving the next cursor, e.g. meta.nextCursor."),
        initial: z.string().max(1000).optional(),
      })
      .strict()
      .optional(),
    items: zJsonata(
      "Expression selecting the records in the response (one message each); omit for one message per response.",
    ).optional(),
  })
  .strict();
type TConfig = z.output<typeof ZPollHttpConfig>;
type TPos = { cursor?: string; etag?: string };

class PollHttpInput extends PollLoop<TPos> implements Input {
  constructor(
    private readonly config: TConfig,
    deps: EngineDeps,
  ) {
    super({ cursor: config.cursor?.initial }, config.intervalMs, deps);
  }

  protected async poll(s: AbortSignal): Promise<{ messages: Message[]; next: TPos }> {
    const url = new URL(this.config.url);
    if (this.config.cursor && this.position.cursor !== undefined)
      url.searchParams.set(this.config.cursor.param, this.position.cursor);
    const headers: Record<string, string> = { accept: "application/json", ...this.config.headers };
    if (this.config.useEtag && this.position.etag) headers["if-none-match"] = this.position.etag;
    const res = await httpCall(
      this.deps.fetch ?? fetch,
      url.toString(),
      { method: "GET", headers, timeoutMs: this.config.timeoutMs, okStatuses: [304] },
      s,
    );
    if (res.status === 304) return { messages: [], next: this.position };
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get("content-type") ?? "").includes("json")) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new PermanentError(`poll_http: ${url} sent invalid JSON`);
      }
    }
    const evaluator = evaluatorOf(this.deps);
    const next: TPos = { etag: res.headers.get("etag") ?? undefined, cursor: this.position.cursor };
    if (this.config.cursor) {
      const c = await evaluator.evaluate(this.config.cursor.next, body);
      if (c !== undefined && c !== null) next.cursor = String(c);
    }
    const selected = this.config.items ? await evaluator.evaluate(this.config.items, body) : body;
    const records = selected === undefined ? [] : this.config.items && Array.isArray(selected) ? selected : [selected];
    const messages = records.map((r) =>
      createMessage({ body: r, source: url.origin + url.pathname, type: "switchboard.poll_http" }),
    );
    return { messages, next };
  }
}

export const pollHttpInput = defineComponent({
  kind: "input",
  name: "poll_http",
  status: "beta",
  summary:
    "Polling consumer: GETs a URL on an interval, with a cursor parameter and/or ETag so only new data becomes messages.",
  config: ZPollHttpConfig,
  create: (config, deps) => new PollHttpInput(config, deps),
});
