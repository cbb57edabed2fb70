import type { IncomingHttpHeaders } from "node:http";
import { errors as undiciErrors, Pool } from "undici";
import { AppError } from "@/lib/errors";
import type { TBackendReply } from "./contracts";

/** RFC 9110 §7.6.1 hop-by-hop headers, plus what the gateway itself owns or must never pass on. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
]);
const NEVER_UPSTREAM = new Set(["x-api-key", "x-request-id", "traceparent", "x-sb-consumer", "sb-environment"]);

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

function isClosedSocket(error: unknown): boolean {
  if (error instanceof undiciErrors.SocketError) return true;
  const code = (error as { code?: unknown }).code;
  return code === "ECONNRESET" || code === "EPIPE";
}

export type THttpCall = {
  /** The route's base URL (environment variables filled in). */
  baseUrl: string;
  /** The path after /<product>/v<major>, starting with "/" (or ""). */
  rest: string;
  /** The raw query string including "?", or "". */
  search: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  traceparent: string;
  /** Passed upstream as X-Sb-Consumer, so the backend knows who calls without seeing a credential. */
  consumerKey: string;
  clientIp: string | undefined;
};

/** Headers minus hop-by-hop ones, including those the Connection header names. */
export function endToEnd(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>) {
  const named = new Set(
    String(headers.connection ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (v === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}

/**
 * HTTP upstreams over undici: one keep-alive pool per origin, reused by every request to it. The
 * request goes to the base URL + the rest of the path + the query, with hop-by-hop headers and the
 * caller's API key removed, and X-Request-Id, traceparent and X-Forwarded-* set. A backend that does not
 * answer within `timeoutMs` is a GATEWAY_TIMEOUT (504); one that cannot be reached is a BAD_GATEWAY (502).
 */
export class HttpBackend {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly opts: { timeoutMs: number; maxResponseBytes: number; connectionsPerOrigin?: number }) {}

  async call(c: THttpCall): Promise<TBackendReply> {
    const base = new URL(c.baseUrl);
    const path = `${base.pathname.replace(/\/+$/, "")}${c.rest}` || "/";
    const query = [base.search.slice(1), c.search.slice(1)].filter(Boolean).join("&");
    const headers = endToEnd(c.headers);
    for (const name of NEVER_UPSTREAM) delete headers[name];
    if (/^apikey\s/i.test(headers.authorization ?? "")) delete headers.authorization;
    headers["x-request-id"] = c.requestId;
    headers.traceparent = c.traceparent;
    headers["x-sb-consumer"] = c.consumerKey;
    if (typeof c.headers.host === "string") headers["x-forwarded-host"] = c.headers.host;
    headers["x-forwarded-proto"] = "http";
    if (c.clientIp)
      headers["x-forwarded-for"] = headers["x-forwarded-for"]
        ? `${headers["x-forwarded-for"]}, ${c.clientIp}`
        : c.clientIp;
    const hasBody = c.body.length > 0 && c.method !== "GET" && c.method !== "HEAD";
    const request = () =>
      this.pool(base.origin).request({
        path: query ? `${path}?${query}` : path,
        method: c.method as "GET",
        headers,
        body: hasBody ? c.body : undefined,
        headersTimeout: this.opts.timeoutMs,
        bodyTimeout: this.opts.timeoutMs,
      });
    try {
      // A kept-alive socket the upstream closed just as it was reused: an idempotent request is sent once more.
      const res = await request().catch((error: unknown) => {
        if (IDEMPOTENT.has(c.method) && isClosedSocket(error)) return request();
        throw error;
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > this.opts.maxResponseBytes) {
          res.body.destroy();
          throw new AppError(
            "BAD_GATEWAY",
            `The API's backend answered with more than ${this.opts.maxResponseBytes} bytes, over the gateway's limit.`,
          );
        }
        chunks.push(chunk as Buffer);
      }
      return { status: res.statusCode, headers: endToEnd(res.headers), body: Buffer.concat(chunks) };
    } catch (error) {
      throw upstreamError(error, this.opts.timeoutMs);
    }
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.opts.connectionsPerOrigin ?? 64,
        // Below Node's 5 s server default: an upstream that gives no Keep-Alive hint closes an idle
        // socket after that, and reusing it as it closes would fail the request.
        keepAliveTimeout: 4_000,
        connectTimeout: Math.min(this.opts.timeoutMs, 10_000),
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
  }
}

/** What the caller reads: whether the backend timed out or failed, never its host or the socket's error. */
function upstreamError(error: unknown, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  )
    return new AppError("GATEWAY_TIMEOUT", `The API's backend did not answer within ${timeoutMs} ms.`, {
      cause: error,
    });
  return new AppError("BAD_GATEWAY", "The API's backend could not be reached or closed the connection.", {
    cause: error,
  });
}
