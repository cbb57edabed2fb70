import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { apiKeyEnvironment } from "@/lib/apis/keys";
import type { TLimitDecision, TLimitStore } from "@/lib/apis/limits-types";
import { limitHeaders } from "@/lib/engine/gateway/limits";
import type { TLog } from "@/lib/engine/runtime/context";
import { AppError, toProblem, type TProblemReply } from "@/lib/errors";
import { BodyTooLargeError, readBody } from "../request";
import { writeAccessLog, type TRequestRecord } from "./access-log";
import { ApiAuthenticator, credentialOf, ENVIRONMENT_HEADER, type TCaller } from "./auth";
import { ContractCache, type TMatch } from "./contract";
import type { TApiAnalytics, TApiOperations, TBackendReply } from "./contracts";
import { correlate } from "./correlation";
import { deprecationHeaders, isGone, successorUrl, type TLinkBases } from "./deprecation";
import { callFlow, type TFlowWorkers } from "./flow-backend";
import { HttpBackend } from "./http-backend";
import type { KeyUsage } from "./key-usage";
import { ReplyError } from "./reply-error";
import type { RouteTable } from "./route-table";
import type { TApiRoute, TApiVersionEntry } from "./route-types";

export type TApiGatewayOptions = {
  routes: RouteTable;
  /** The engine runtime: flow backends run in the flow's deployed worker. */
  workers: TFlowWorkers;
  limits: TLimitStore;
  analytics: TApiAnalytics;
  /** checkCallback, when present, refuses a bad Callback-Url before the backend's work starts. */
  operations: TApiOperations & { checkCallback?(callbackUrl: string | null, callbackSecret: string | null): unknown };
  /** Batches ApiKey.lastUsedAt; null leaves it alone. */
  keyUsage: KeyUsage | null;
  log: TLog;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The portal's public URL: problem types and the deprecation Link point there. */
  publicBaseUrl?: string;
  /** This gateway's public URL, for successor-version links; unset, the request's Host is used. */
  gatewayBaseUrl?: string;
  /** Largest request body accepted (413 above). */
  maxBytes: number;
  /** Hard bound on one backend call, sync or async (504 when a synchronous caller hits it). */
  backendTimeoutMs: number;
  /** Largest upstream response relayed (502 above). */
  maxResponseBytes?: number;
};

const API_ROUTE = /^\/([a-z][a-z0-9-]{1,40})\/v(\d{1,4})(\/.*)?$/;
const OPERATION_ROUTE = /^\/_operations\/([A-Za-z0-9_-]{1,100})\/?$/;
const ASYNC = /(^|[,;\s])respond-async\b/i;

type TContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  record: TRequestRecord;
  started: number;
  /** Every answer of a deprecated version carries these; limit headers join once the request is counted. */
  headers: Record<string, string>;
  traceparent: string;
};

function callbackOf(req: IncomingMessage): string | null {
  const v = req.headers["callback-url"];
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

/** Node merges header names case-insensitively only across setHeader calls: one lower-case map per answer. */
function lower(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

function encode(body: unknown): { payload: Buffer; contentType: string } {
  if (Buffer.isBuffer(body)) return { payload: body, contentType: "application/octet-stream" };
  if (typeof body === "string") return { payload: Buffer.from(body), contentType: "text/plain; charset=utf-8" };
  return { payload: Buffer.from(JSON.stringify(body ?? null)), contentType: "application/json" };
}

/**
 * The API gateway: the engine's second listener, serving `/<product>/v<major>/<path>` for every API
 * version deployed in an environment (RouteTable), in this order: version known (404), not past its
 * sunset (410 with the successor), credential (401/403, environment from the key), deployed in that
 * environment (404), operation in the OpenAPI document (404, or 405 with Allow), the consumer's limits
 * (429 with Retry-After; a refused request consumes nothing), body size (413), the request against the
 * contract (400 listing every problem, 415), then the backend: a flow's worker or an HTTP upstream.
 * A backend slower than the document's syncTimeoutMs, or a caller sending `Prefer: respond-async`, gets
 * 202 with a status resource at GET /_operations/<id>. Every answer carries X-Request-Id; every answer
 * of a deprecated version carries Deprecation, Sunset and Link; every error is RFC 9457 problem+json;
 * every request writes one access log line and one analytics call.
 */
export class ApiGateway {
  private server: http.Server | null = null;
  private readonly contracts = new ContractCache();
  private readonly auth: ApiAuthenticator;
  private readonly http: HttpBackend;

  constructor(private readonly opts: TApiGatewayOptions) {
    this.auth = new ApiAuthenticator(opts.keyUsage);
    this.http = new HttpBackend({
      timeoutMs: opts.backendTimeoutMs,
      maxResponseBytes: opts.maxResponseBytes ?? 32 * 1024 * 1024,
    });
  }

  async listen(): Promise<number> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.requestTimeout = 120_000;
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** Stops accepting connections and waits for in-flight requests, then closes the upstream pools. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server)
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    await this.http.close();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const corr = correlate(req.headers);
    const url = new URL(req.url ?? "/", "http://gateway");
    const path = url.pathname;
    const ctx: TContext = {
      req,
      res,
      url,
      started,
      headers: {},
      traceparent: corr.traceparent,
      record: {
        method: req.method ?? "GET",
        path,
        api: null,
        version: null,
        apiVersionId: null,
        operation: "(unmatched)",
        env: null,
        environmentId: null,
        consumer: null,
        consumerId: null,
        keyPrefix: null,
        requestId: corr.requestId,
        traceId: corr.traceId,
      },
    };
    res.setHeader("x-request-id", corr.requestId);
    res.once("close", () => this.finished(ctx));
    this.route(ctx).catch((error: unknown) => {
      if (!res.headersSent) this.fail(ctx, error);
      else {
        this.opts.log.error(
          { err: String(error), requestId: corr.requestId },
          "API gateway request failed mid-response",
        );
        res.destroy();
      }
    });
  }

  private finished(ctx: TContext): void {
    const latencyMs = performance.now() - ctx.started;
    // 499 (as nginx logs it): the client went away before the answer was sent.
    const status = ctx.res.writableFinished ? ctx.res.statusCode : 499;
    const bytes = Number(ctx.res.getHeader("content-length") ?? 0);
    writeAccessLog(this.opts.log, ctx.record, { status, latencyMs, bytes });
    const r = ctx.record;
    if (r.apiVersionId && r.environmentId)
      this.opts.analytics.record({
        apiVersionId: r.apiVersionId,
        environmentId: r.environmentId,
        operation: r.operation,
        consumerId: r.consumerId ?? "",
        status,
        latencyMs,
        at: Date.now(),
      });
  }

  private send(ctx: TContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const { payload, contentType } = encode(body);
    const out = lower({ "content-type": contentType, ...headers, ...ctx.headers });
    out["content-length"] = String(payload.length);
    ctx.res.writeHead(status, out);
    ctx.res.end(payload);
  }

  private problem(ctx: TContext, error: unknown, extensions?: Record<string, unknown>): TProblemReply {
    return toProblem(error, {
      log: this.opts.log,
      publicBaseUrl: this.opts.publicBaseUrl,
      instance: ctx.record.path,
      requestId: ctx.record.requestId,
      extensions: error instanceof ReplyError ? { ...error.extensions, ...extensions } : extensions,
    });
  }

  private fail(ctx: TContext, error: unknown, extensions?: Record<string, unknown>, headers?: Record<string, string>) {
    const p = this.problem(ctx, error, extensions);
    const own = error instanceof ReplyError ? error.headers : {};
    this.send(ctx, p.status, p.body, { ...own, ...headers, ...p.headers });
  }

  private bases(req: IncomingMessage): TLinkBases {
    const host = typeof req.headers.host === "string" ? req.headers.host : `${this.opts.host}:${this.opts.port}`;
    return { portal: this.opts.publicBaseUrl, gateway: this.opts.gatewayBaseUrl ?? `http://${host}` };
  }

  private async route(ctx: TContext): Promise<void> {
    const { req, record } = ctx;
    const path = record.path;
    if (path === "/_health" && req.method === "GET") {
      const snap = this.opts.routes.snapshot;
      return this.send(ctx, 200, {
        status: "ok",
        routes: snap.routes.size,
        loadedAt: new Date(snap.loadedAt).toISOString(),
      });
    }
    const op = OPERATION_ROUTE.exec(path);
    if (op) return this.getOperation(ctx, op[1]);
    const m = API_ROUTE.exec(path);
    if (!m)
      return this.fail(
        ctx,
        new AppError("NOT_FOUND", `No API at ${path}. API paths look like /<product>/v<major>/<operation path>.`),
      );
    const [, product, majorText, rest = ""] = m;
    const version = this.opts.routes.version(product, Number(majorText));
    if (!version) return this.fail(ctx, new AppError("NOT_FOUND", `There is no API ${product} v${Number(majorText)}.`));
    record.api = product;
    record.version = version.major;
    record.apiVersionId = version.id;
    const bases = this.bases(req);
    ctx.headers = deprecationHeaders(version, bases);
    this.claimEnvironment(ctx);
    const now = Date.now();
    if (isGone(version, now)) return this.gone(ctx, version, bases, now);

    const snap = this.opts.routes.snapshot;
    this.contracts.prune(snap.loadedAt, snap.routes.values());
    const routeIn = (envKey: string) => this.opts.routes.route(version.id, envKey);
    // The operation is matched before authenticating only to label the call in analytics.
    const claimed = record.env ? routeIn(record.env) : undefined;
    const early = claimed ? this.contracts.get(claimed).match(req.method ?? "GET", rest) : null;
    if (early) record.operation = early.label;

    const caller = await this.auth.authenticate(req.headers, snap, version, routeIn, now);
    this.identify(ctx, caller);
    const route = routeIn(caller.environmentKey);
    if (!route)
      return this.fail(
        ctx,
        new AppError("NOT_FOUND", `${product} v${version.major} is not deployed in ${caller.environmentKey}.`),
      );
    record.environmentId = route.environmentId;
    const contract = this.contracts.get(route);
    const match = route === claimed ? early : contract.match(req.method ?? "GET", rest);
    if (!match) {
      const allowed = contract.methodsFor(rest);
      if (allowed.length)
        return this.fail(
          ctx,
          new AppError("METHOD_NOT_ALLOWED", `${rest || "/"} accepts ${allowed.join(", ")}, not ${req.method}.`),
          undefined,
          { allow: allowed.join(", ") },
        );
      return this.fail(
        ctx,
        new AppError("NOT_FOUND", `${product} v${version.major} has no operation ${req.method} ${rest || "/"}.`),
      );
    }
    record.operation = match.label;

    const decision = await this.consume(caller);
    ctx.headers = { ...ctx.headers, ...lower(limitHeaders(decision)) };
    if (!decision.allowed) return this.refuse(ctx, decision);

    let raw: Buffer;
    try {
      raw = await readBody(req, this.opts.maxBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      ctx.res.setHeader("connection", "close");
      return this.fail(
        ctx,
        new AppError("PAYLOAD_TOO_LARGE", `The request body is over this gateway's ${error.limit}-byte limit.`),
        { limitBytes: error.limit },
      );
    }
    const url = ctx.url;
    const mediaType = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    const checked = match.validator.validate({
      pathParams: match.pathParams,
      query: url.searchParams,
      headers: req.headers,
      mediaType,
      raw,
    });
    if (!checked.ok && checked.kind === "media-type")
      return this.fail(
        ctx,
        new AppError(
          "UNSUPPORTED_MEDIA_TYPE",
          `${match.label} accepts ${checked.accepted.join(", ")}, not ${mediaType || "a body without Content-Type"}.`,
        ),
      );
    if (!checked.ok)
      return this.fail(
        ctx,
        new AppError(
          "REQUEST_INVALID",
          `The request does not match ${match.label} in ${product} v${version.major}; \`errors\` lists every problem.`,
          { fieldErrors: checked.errors },
        ),
      );
    return this.dispatch(ctx, { route, caller, match, raw, rest, search: url.search });
  }

  /** The environment the credential names before it is checked, so even a refused call is counted where it belongs. */
  private claimEnvironment(ctx: TContext): void {
    const credential = credentialOf(ctx.req.headers);
    const asked = ctx.req.headers[ENVIRONMENT_HEADER];
    const env =
      credential?.kind === "key"
        ? apiKeyEnvironment(credential.secret)
        : typeof asked === "string" && asked.trim()
          ? asked.trim()
          : "prod";
    const id = env ? this.opts.routes.snapshot.environments.get(env) : undefined;
    if (env && id) {
      ctx.record.env = env;
      ctx.record.environmentId = id;
    }
  }

  private identify(ctx: TContext, caller: TCaller): void {
    const r = ctx.record;
    r.env = caller.environmentKey;
    r.environmentId = this.opts.routes.snapshot.environments.get(caller.environmentKey) ?? r.environmentId;
    r.consumer = caller.consumer.key;
    r.consumerId = caller.consumer.id;
    r.keyPrefix = caller.keyPrefix;
  }

  private gone(ctx: TContext, version: TApiVersionEntry, bases: TLinkBases, now: number): void {
    const successor = successorUrl(version, bases);
    const when =
      version.sunsetAt !== null && version.sunsetAt <= now
        ? new Date(version.sunsetAt).toISOString().slice(0, 10)
        : null;
    const detail = `${version.product} v${version.major} ${when ? `was sunset on ${when}` : "is retired"} and no longer answers.${successor ? ` Use ${successor} instead.` : ""}`;
    return this.fail(ctx, new AppError("GONE", detail), { successor });
  }

  /** A limit store that cannot answer refuses the call: counting nowhere would admit over the limit. */
  private async consume(caller: TCaller): Promise<TLimitDecision> {
    try {
      return await this.opts.limits.consume(caller.consumer.id, caller.consumer.plan);
    } catch (error) {
      this.opts.log.error({ err: String(error), consumer: caller.consumer.key }, "rate-limit check failed");
      throw new AppError("SERVICE_UNAVAILABLE", "The gateway could not check the consumer's limits. Retry shortly.", {
        retryAfterSeconds: 1,
      });
    }
  }

  private refuse(ctx: TContext, d: TLimitDecision): void {
    const quota = d.refusedBy === "day" || d.refusedBy === "month";
    // As limitHeaders' Retry-After: whole seconds, at least one.
    const retryAfterSeconds = Math.max(1, Math.ceil(d.retryAfterSeconds));
    const error = quota
      ? new AppError(
          "QUOTA_EXCEEDED",
          `The ${d.refusedBy === "day" ? "daily" : "monthly"} quota of this consumer's plan is used up.`,
          {
            retryAfterSeconds,
          },
        )
      : new AppError(
          "RATE_LIMITED",
          `Too many requests for this consumer's plan (${d.refusedBy ?? "rate"} limit). Retry after the Retry-After delay.`,
          { retryAfterSeconds },
        );
    return this.fail(ctx, error, { limit: d.refusedBy });
  }

  private async dispatch(
    ctx: TContext,
    a: { route: TApiRoute; caller: TCaller; match: TMatch; raw: Buffer; rest: string; search: string },
  ): Promise<void> {
    const { req, record } = ctx;
    const doc = a.route.document;
    const call = (): Promise<TBackendReply> =>
      doc.backend.kind === "flow"
        ? callFlow(
            this.opts.workers,
            doc.backend.flow,
            a.route.environmentKey,
            {
              req,
              raw: a.raw,
              path: record.path,
              search: a.search,
              operation: a.match.label,
              requestId: record.requestId,
              traceparent: ctx.traceparent,
              consumerKey: a.caller.consumer.key,
            },
            this.opts.log,
          )
        : this.http.call({
            baseUrl: a.route.upstreamUrl!,
            rest: a.rest,
            search: a.search,
            method: req.method ?? "GET",
            headers: req.headers,
            body: a.raw,
            requestId: record.requestId,
            traceparent: ctx.traceparent,
            consumerKey: a.caller.consumer.key,
            clientIp: req.socket.remoteAddress,
          });
    const callbackUrl = callbackOf(req);
    this.opts.operations.checkCallback?.(callbackUrl, a.caller.consumer.callbackSecret);
    const work = call();
    const asked = ASYNC.test(String(req.headers.prefer ?? ""));
    if (asked) return this.accept(ctx, a, work, true);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      work.then(
        (reply) => ({ done: true as const, reply }),
        (error: unknown) => ({ done: true as const, error }),
      ),
      new Promise<{ done: false }>((r) => (timer = setTimeout(() => r({ done: false }), doc.syncTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (!outcome.done) return this.accept(ctx, a, work, false);
    if ("error" in outcome) return this.fail(ctx, outcome.error);
    return this.relay(ctx, outcome.reply);
  }

  private relay(ctx: TContext, reply: TBackendReply): void {
    const headers = { ...reply.headers };
    delete headers["x-request-id"];
    // The backend's own content type stays; a flow's JSON result gets one from encode().
    if (!Buffer.isBuffer(reply.body)) delete headers["content-type"];
    this.send(ctx, reply.status, reply.status === 204 ? Buffer.alloc(0) : reply.body, headers);
  }

  /** 202 + Location: the backend keeps running; its outcome (or its error, as problem+json) completes the operation. */
  private async accept(
    ctx: TContext,
    a: { route: TApiRoute; caller: TCaller; match: TMatch },
    work: Promise<TBackendReply>,
    asked: boolean,
  ): Promise<void> {
    const settled = work.catch((error: unknown): TBackendReply => {
      const p = this.problem(ctx, error);
      return { status: p.status, headers: p.headers, body: p.body };
    });
    const begun = await this.opts.operations
      .begin({
        apiVersionId: a.route.apiVersionId,
        environmentId: a.route.environmentId,
        consumerId: a.caller.consumer.id,
        operation: a.match.label,
        callbackUrl: callbackOf(ctx.req),
        callbackSecret: a.caller.consumer.callbackSecret,
        work: settled,
      })
      .catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        this.opts.log.error(
          { err: String(error), requestId: ctx.record.requestId },
          "starting an API operation failed",
        );
        throw new AppError(
          "SERVICE_UNAVAILABLE",
          "The gateway could not record the long-running operation. Retry the request.",
          {
            retryAfterSeconds: 5,
          },
        );
      });
    return this.send(
      ctx,
      202,
      { id: begun.id, status: "running", operation: a.match.label, location: begun.location },
      { location: begun.location, ...(asked ? { "preference-applied": "respond-async" } : {}) },
    );
  }

  /** GET /_operations/<id>: any valid credential of the consumer that started it (another consumer's is a 404). */
  private async getOperation(ctx: TContext, id: string): Promise<void> {
    if (ctx.req.method !== "GET")
      return this.fail(ctx, new AppError("METHOD_NOT_ALLOWED", "Use GET for an operation's status."), undefined, {
        allow: "GET",
      });
    const snap = this.opts.routes.snapshot;
    const caller = await this.auth.identify(ctx.req.headers, snap);
    this.identify(ctx, caller);
    const status = await this.opts.operations.get(id, caller.consumer.id);
    if (!status) return this.fail(ctx, new AppError("NOT_FOUND", `No operation ${id} for this consumer.`));
    return this.send(ctx, 200, status);
  }
}
