import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import {
  AppError,
  ERROR_CATALOGUE,
  ERROR_CODES,
  ERROR_DOCS_PATH,
  codeFromSlug,
  errorTypeUri,
  toProblem,
  type TProblemReply,
} from "@/lib/errors";
import type { TRunResult } from "@/lib/engine/core/runner";
import type { TPromMetrics } from "@/lib/engine/metrics/prometheus";
import type { TLog } from "@/lib/engine/runtime/context";
import type { DeploymentWorker } from "@/lib/engine/runtime/worker";
import type { Transport } from "@/lib/engine/transports/types";
import { BadRequestError, BodyTooLargeError, readBody, requestToMessage } from "./request";
import { brownoutDetail, deprecationHeaders, type RetirementCache } from "./retirements";
import { answerRun } from "./run-outcome";
import { lookupRun } from "./runs";

export type TGatewayRuntime = {
  findWorker(flowName: string, envKey: string): DeploymentWorker | undefined;
  findWorkerByPath(path: string): DeploymentWorker | undefined;
  readonly deploymentCount: number;
};

export type TGatewayOptions = {
  runtime: TGatewayRuntime;
  transport: Transport;
  pool: pg.Pool;
  prom: TPromMetrics;
  log: TLog;
  /** Upper bound for any flow; a flow's http input may set a lower maxBytes. */
  maxBytes: number;
  /** Request-response wait when the flow's input does not say. */
  defaultTimeoutMs: number;
  host: string;
  port: number;
  /** The portal's public URL: problem types point at its /errors pages. Unset, they are paths, served here too. */
  publicBaseUrl?: string;
  /** Deprecated flows: their answers carry Deprecation/Sunset headers, and brownout windows answer 503. */
  retirements?: RetirementCache;
};

const FLOW_ROUTE = /^\/flows\/([a-z0-9][a-z0-9_-]*)\/([a-z0-9_-]+)\/?$/;
const PATH_ROUTE = /^\/api\/([a-z0-9_-]+)(\/[a-z0-9/_-]+)$/;
const RUN_ROUTE = /^\/runs\/([A-Za-z0-9_-]{1,100})$/;
const ERROR_ROUTE = /^\/errors(?:\/([a-z-]{1,60}))?\/?$/;
/** A caller's own request id is echoed back when it is plain; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const isText = typeof body === "string";
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(isText ? body : JSON.stringify(body));
  res.writeHead(status, {
    "content-type": Buffer.isBuffer(body)
      ? "application/octet-stream"
      : isText
        ? "text/plain; charset=utf-8"
        : "application/json",
    "content-length": String(payload.length),
    ...headers,
  });
  res.end(payload);
}

type TRequestContext = { requestId: string; path: string };

function sendProblem(res: ServerResponse, p: TProblemReply): void {
  send(res, p.status, p.body, p.headers);
}

/**
 * The engine's HTTP listener. Routes:
 * - POST /flows/<flow>/<env> and POST /api/<env><path> (the path an http input declares) into a flow.
 *   Request-response when the input's responseTimeoutMs > 0: 200 with the flow's result, or 202 with
 *   a status URL past the timeout. Fire-and-forget otherwise (and for non-http inputs): 202 once the
 *   message is durable on the deployment's queue.
 * - GET /runs/<id>: the state and result of a run by message id.
 * - GET /metrics (Prometheus) and GET /health.
 * - GET /errors[/<code>]: the error catalogue, which problem types point to when no portal URL is set.
 * A deprecated flow's answers carry Deprecation and Sunset headers (and a successor Link); during one
 * of its brownout windows it answers 503 with Retry-After until the window ends.
 * Every error is RFC 9457 problem+json with a code from lib/errors and the request id (x-request-id).
 */
export class Gateway {
  private server: http.Server | null = null;
  /** Runs still going past their response timeout, by message id. */
  private readonly running = new Map<string, Promise<TRunResult>>();
  /** Fire-and-forget ids accepted by this process, so GET /runs/<id> can say "queued" on RabbitMQ too. */
  private readonly accepted = new Set<string>();
  /** Request-response runs that finished here, until their lineage row is certainly written. */
  private readonly finished = new Map<string, { status: string; result?: unknown; at: number }>();

  constructor(private readonly opts: TGatewayOptions) {}

  async listen(): Promise<number> {
    const server = http.createServer((req, res) => {
      const given = req.headers["x-request-id"];
      const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader("x-request-id", requestId);
      const ctx: TRequestContext = { requestId, path: new URL(req.url ?? "/", "http://gateway").pathname };
      this.route(req, res, ctx).catch((error: unknown) => {
        if (!res.headersSent) sendProblem(res, this.problem(error, ctx));
        else {
          this.opts.log.error({ err: String(error), url: req.url, requestId }, "gateway request failed mid-response");
          res.destroy();
        }
      });
    });
    server.requestTimeout = 120_000;
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** The problem reply for an error; anything but an AppError is logged with the request id and hidden. */
  private problem(error: unknown, ctx: TRequestContext, extensions?: Record<string, unknown>): TProblemReply {
    return toProblem(error, {
      log: this.opts.log,
      publicBaseUrl: this.opts.publicBaseUrl,
      instance: ctx.path,
      requestId: ctx.requestId,
      extensions,
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse, ctx: TRequestContext): Promise<void> {
    const path = ctx.path;
    if (req.method === "GET" && path === "/health") {
      return send(res, 200, {
        status: "ok",
        transport: this.opts.transport.kind,
        deployments: this.opts.runtime.deploymentCount,
      });
    }
    if (req.method === "GET" && path === "/metrics") {
      const body = await this.opts.prom.registry.metrics();
      return send(res, 200, body, { "content-type": this.opts.prom.registry.contentType });
    }
    const run = RUN_ROUTE.exec(path);
    if (req.method === "GET" && run) return this.getRun(res, ctx, run[1]);
    const docs = ERROR_ROUTE.exec(path);
    if (req.method === "GET" && docs) return this.getErrorDocs(res, ctx, docs[1]);

    const flow = FLOW_ROUTE.exec(path);
    const declared = flow ? null : PATH_ROUTE.exec(path);
    if (!flow && !declared)
      return sendProblem(
        res,
        this.problem(
          new AppError(
            "NOT_FOUND",
            `No route for ${req.method} ${path}. Use POST /flows/<flow>/<env>, POST /api/<env><path>, GET /runs/<id>, /metrics or /health.`,
          ),
          ctx,
        ),
      );
    const envKey = flow ? flow[2] : declared![1];
    const worker = flow ? this.opts.runtime.findWorker(flow[1], envKey) : this.findByPath(declared![2], envKey);
    const labels = { flow: worker?.ctx.flowName ?? "(unknown)", env: envKey };
    const now = Date.now();
    const retirement = worker ? this.opts.retirements?.noticeFor(worker.ctx.flowId, now) : null;
    const notice = retirement ? deprecationHeaders(retirement.notice) : {};
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      this.opts.prom.gateway.inc({ ...labels, code: String(status) });
      send(res, status, body, { ...notice, ...headers });
    };
    const fail = (error: unknown, extensions?: Record<string, unknown>, headers?: Record<string, string>) => {
      const p = this.problem(error, ctx, extensions);
      reply(p.status, p.body, { ...p.headers, ...headers });
    };
    if (!worker)
      return fail(
        new AppError(
          "NOT_FOUND",
          flow
            ? `Flow ${flow[1]} is not deployed in ${envKey}.`
            : `No flow in ${envKey} declares the path ${declared![2]}.`,
        ),
      );
    const settings = worker.http;
    if (!settings.methods.includes(req.method ?? "")) {
      return fail(
        new AppError("METHOD_NOT_ALLOWED", `Use ${settings.methods.join(" or ")} for this flow.`),
        undefined,
        { allow: settings.methods.join(", ") },
      );
    }
    if (retirement?.brownoutEndsAt) {
      const { notice: n, brownoutEndsAt: endsAt } = retirement;
      return fail(
        new AppError("SERVICE_UNAVAILABLE", brownoutDetail(worker.ctx.flowName, n, endsAt), {
          retryAfterSeconds: (endsAt - now) / 1000,
        }),
        {
          brownoutEndsAt: new Date(endsAt).toISOString(),
          sunsetAt: new Date(n.sunsetAt).toISOString(),
          ...(n.replacement ? { replacement: n.replacement } : {}),
        },
      );
    }
    if (worker.state !== "running")
      return fail(
        new AppError(
          "SERVICE_UNAVAILABLE",
          `${worker.ctx.flowName} is ${worker.state} in ${envKey}; resume it to accept traffic.`,
          { retryAfterSeconds: 30 },
        ),
      );

    const limit = Math.min(this.opts.maxBytes, settings.maxBytes ?? Infinity);
    let msg;
    try {
      msg = requestToMessage(req, await readBody(req, limit), path);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader("connection", "close");
        return fail(new AppError("PAYLOAD_TOO_LARGE", error.message), { limitBytes: error.limit });
      }
      if (error instanceof BadRequestError) return fail(new AppError("BAD_REQUEST", error.message));
      throw error;
    }
    const statusUrl = `/runs/${msg.id}`;
    const timeoutMs = settings.responseTimeoutMs ?? this.opts.defaultTimeoutMs;
    if (!timeoutMs) {
      await this.opts.transport.publish(worker.directQueue, msg);
      this.accepted.add(msg.id);
      if (this.accepted.size > 10_000) this.accepted.delete(this.accepted.values().next().value!);
      return reply(202, { id: msg.id, status: "queued", statusUrl }, { location: statusUrl });
    }

    const runP = worker.process(msg, 1, { keepOutput: true });
    this.running.set(msg.id, runP);
    void runP
      .then((r) => {
        const STATUS: Record<string, string> = {
          ok: "succeeded",
          filtered: "filtered",
          failed: "failed",
          dead_lettered: "dead_lettered",
        };
        this.finished.set(msg.id, {
          status: STATUS[r.status],
          result: r.delivered[r.delivered.length - 1]?.message.body,
          at: Date.now(),
        });
        if (this.finished.size > 10_000) this.finished.delete(this.finished.keys().next().value!);
      })
      .catch(() => undefined)
      .finally(() => this.running.delete(msg.id));
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      runP.then(
        (r) => ({ done: true as const, r }),
        (e: unknown) => ({ done: true as const, e }),
      ),
      new Promise<{ done: false }>((r) => (timer = setTimeout(() => r({ done: false }), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!outcome.done) return reply(202, { id: msg.id, status: "running", statusUrl }, { location: statusUrl });
    if ("e" in outcome) {
      // The engine itself failed (transport, database), not the flow: log it, keep its text to ourselves.
      this.opts.log.error(
        { err: String(outcome.e), requestId: ctx.requestId, messageId: msg.id },
        "gateway run failed",
      );
      return fail(new AppError("SERVICE_UNAVAILABLE", "The run did not complete. Retry the request."), { id: msg.id });
    }
    const answer = answerRun(outcome.r, msg);
    if (answer.ok) return reply(answer.status, answer.body, answer.headers);
    return fail(answer.error, { ...answer.extensions, statusUrl }, answer.headers);
  }

  private findByPath(path: string, envKey: string): DeploymentWorker | undefined {
    const w = this.opts.runtime.findWorkerByPath(path);
    if (w && w.ctx.environmentKey === envKey) return w;
    return undefined;
  }

  private async getRun(res: ServerResponse, ctx: TRequestContext, id: string): Promise<void> {
    const found = await lookupRun(this.opts.pool, id);
    if (found) return send(res, 200, found);
    const done = this.finished.get(id);
    if (done)
      return send(res, 200, { id, status: done.status, ...(done.result !== undefined ? { result: done.result } : {}) });
    if (this.running.has(id)) return send(res, 200, { id, status: "running" });
    if (this.accepted.has(id)) return send(res, 200, { id, status: "queued" });
    const queued = await this.opts.pool
      .query(`SELECT 1 FROM "QueueMessage" WHERE "messageId" = $1 LIMIT 1`, [id])
      .catch(() => ({ rows: [] }));
    if (queued.rows.length) return send(res, 200, { id, status: "queued" });
    const unknown = new AppError("NOT_FOUND", `No run for message ${id}: it is unknown, or still queued on RabbitMQ.`);
    return sendProblem(res, this.problem(unknown, ctx));
  }

  /** The catalogue as JSON, so a problem type that is a path resolves on the gateway too. */
  private getErrorDocs(res: ServerResponse, ctx: TRequestContext, slug: string | undefined): void {
    const doc = (code: (typeof ERROR_CODES)[number]) => ({
      code,
      type: errorTypeUri(code, this.opts.publicBaseUrl),
      ...ERROR_CATALOGUE[code],
    });
    if (!slug) return send(res, 200, { errors: ERROR_CODES.map(doc) });
    const code = codeFromSlug(slug);
    if (code) return send(res, 200, doc(code));
    const unknown = new AppError("NOT_FOUND", `No error code ${slug}; GET ${ERROR_DOCS_PATH} lists them all.`);
    return sendProblem(res, this.problem(unknown, ctx));
  }

  /** Stops accepting connections and waits for in-flight requests (bounded by the runtime's grace). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
}
