import { z } from "zod";
import { normalizeHttpEndpoint } from "@/lib/catalog/endpoints";
import { defineComponent } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { withBody } from "@/lib/engine/core/message";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluateOnMessage } from "../shared/expressions";
import { httpCall, zHeaders } from "./http-call";
import { LruTtlCache } from "./lru-cache";

const MISSING = Symbol("missing");

export const enrichHttpProcessor = defineComponent({
  kind: "processor",
  name: "enrich_http",
  status: "beta",
  summary:
    "Content enricher: GETs a JSON document (URL built from the body), caches it (LRU + TTL) and stores it under a field of the body.",
  config: z
    .object({
      url: zJsonata("Expression giving the URL, e.g. 'https://crm.example/customers/' & customerId."),
      into: z
        .string()
        .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, "dotted field path, e.g. customer.details")
        .describe("Field of the body that receives the lookup result."),
      headers: zHeaders,
      timeoutMs: z.number().int().min(1).max(120_000).default(5_000),
      cacheTtlMs: z.number().int().min(0).max(86_400_000).default(60_000),
      cacheMaxEntries: z.number().int().min(1).max(1_000_000).default(1_000),
      onNotFound: z
        .enum(["fail", "skip"])
        .default("fail")
        .describe("On 404: fail the message, or pass it on unchanged."),
    })
    .strict(),
  create: (config, deps) => {
    const cache = new LruTtlCache<unknown>(config.cacheMaxEntries, config.cacheTtlMs, deps.now);
    const fetchFn = deps.fetch ?? fetch;
    return {
      async process(msg, s) {
        if (msg.body === null || typeof msg.body !== "object" || Array.isArray(msg.body) || Buffer.isBuffer(msg.body)) {
          throw new PermanentError("enrich_http needs a JSON object body");
        }
        const url = await evaluateOnMessage(deps, config.url, msg);
        if (typeof url !== "string" || !/^https?:\/\//.test(url))
          throw new PermanentError(`enrich_http url expression gave ${JSON.stringify(url)}, not an http(s) URL`);
        let value = config.cacheTtlMs > 0 ? cache.get(url) : undefined;
        if (value === undefined) {
          const res = await httpCall(
            fetchFn,
            url,
            {
              method: "GET",
              headers: { accept: "application/json", ...config.headers },
              timeoutMs: config.timeoutMs,
              okStatuses: [404],
            },
            s,
          );
          // The flow depends on the system it looks up in: counted per request that got an answer (cache hits did not reach it).
          const endpoint = lookupEndpoint(config.url, url);
          if (endpoint) deps.observeEndpoint?.({ direction: "outbound", endpointKind: "http", endpoint });
          value =
            res.status === 404
              ? MISSING
              : await res.json().catch(() => {
                  throw new PermanentError(`enrich_http: ${url} did not return JSON`);
                });
          if (config.cacheTtlMs > 0) cache.set(url, value);
        }
        if (value === MISSING) {
          if (config.onNotFound === "skip") return [msg];
          throw new PermanentError(`enrich_http: ${url} answered 404`);
        }
        return [
          withBody(msg, setPath(structuredClone(msg.body) as Record<string, unknown>, config.into.split("."), value)),
        ];
      },
    };
  },
});

/**
 * The lookup's endpoint for the catalog: with a URL built as 'https://crm/customers/' & id, the part
 * after the literal prefix is the message's key, named {id}, so every customer is one dependency.
 */
export function lookupEndpoint(expression: string, url: string): string | null {
  const prefix = /^\s*(['"])(https?:\/\/[^'"]*)\1\s*&/.exec(expression)?.[2];
  if (prefix && url.startsWith(prefix) && /[/?]$/.test(prefix))
    // A numeric stand-in: normalizeHttpEndpoint folds it to {id} (braces themselves would be URL-encoded).
    return normalizeHttpEndpoint(prefix + url.slice(prefix.length).replace(/^[^/?#]+/, "0"));
  return normalizeHttpEndpoint(url);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  let cur = target;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    cur[key] = next !== null && typeof next === "object" && !Array.isArray(next) ? next : {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
  return target;
}
