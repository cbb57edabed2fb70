import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import type { TRunResult } from "@/lib/engine/core/runner";
import type { TPromMetrics } from "@/lib/engine/metrics/prometheus";
import type { TLog } from "@/lib/engine/runtime/context";
import type { DeploymentWorker } from "@/lib/engine/runtime/worker";
import type { Transport } from "@/lib/engine/transports/types";
import { BadRequestError, BodyTooLargeError, readBody, requestToMessage } from "./request";
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
};

const FLOW_ROUTE = /^\/flows\/([a-z0-9][a-z0-9_-]*)\/([a-z0-9_-]+)\/?$/;
const PATH_ROUTE = /^\/api\/([a-z0-9_-]+)(\/[a-z0-9/_-]+)$/;
const RUN_ROUTE = /^\/runs\/([A-Za-z0-9_-]{1,100})$/;

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

/**
 * The engine's HTTP listener. Routes:
 * - POST /flows/<flow>/<env> and POST /api/<env><path> (the path an http input declares) into a flow.
 *   Request-response when the input's responseTimeoutMs > 0: 200 with the flow's result, or 202 with
 *   a status URL past the timeout. Fire-and-forget otherwise (and for non-http inputs): 202 once the
 *   message is durable on the deployment's queue.
 * - GET /runs/<id>: the state and result of a run by message id.
 * - GET /metrics (Prometheus) and GET /health.
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
      this.route(req, res).catch((error: unknown) => {
        this.opts.log.error({ err: String(error), url: req.url }, "gateway request failed");
        if (!res.headersSent)
          send(res, 500, { error: "The engine could not handle this request; see the engine log." });
        else res.destroy();
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

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    const path = url.pathname;
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
    if (req.method === "GET" && run) return this.getRun(res, run[1]);

    const flow = FLOW_ROUTE.exec(path);
    const declared = flow ? null : PATH_ROUTE.exec(path);
    if (!flow && !declared)
      return send(res, 404, {
        error: `No route for ${req.method} ${path}. Use POST /flows/<flow>/<env>, POST /api/<env><path>, GET /runs/<id>, /metrics or /health.`,
      });
    const envKey = flow ? flow[2] : declared![1];
    const worker = flow ? this.opts.runtime.findWorker(flow[1], envKey) : this.findByPath(declared![2], envKey);
    const labels = { flow: worker?.ctx.flowName ?? "(unknown)", env: envKey };
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      this.opts.prom.gateway.inc({ ...labels, code: String(status) });
      send(res, status, body, headers);
    };
    if (!worker)
      return reply(404, {
        error: flow
          ? `Flow ${flow[1]} is not deployed in ${envKey}.`
          : `No flow in ${envKey} declares the path ${declared![2]}.`,
      });
    const settings = worker.http;
    if (!settings.methods.includes(req.method ?? "")) {
      return reply(
        405,
        { error: `Use ${settings.methods.join(" or ")} for this flow.` },
        { allow: settings.methods.join(", ") },
      );
    }
    if (worker.state !== "running")
      return reply(
        503,
        { error: `${worker.ctx.flowName} is ${worker.state} in ${envKey}; resume it to accept traffic.` },
        { "retry-after": "30" },
      );

    const limit = Math.min(this.opts.maxBytes, settings.maxBytes ?? Infinity);
    let msg;
    try {
      msg = requestToMessage(req, await readBody(req, limit), path);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader("connection", "close");
        return reply(413, { error: error.message, limitBytes: error.limit });
      }
      if (error instanceof BadRequestError) return reply(400, { error: error.message });
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
    if ("e" in outcome)
      return reply(503, { id: msg.id, error: `The run did not complete: ${String(outcome.e)}. Retry the request.` });
    const r = outcome.r;
    const common = { "x-run-id": r.runId, "x-message-id": msg.id, "x-correlation-id": msg.correlationId };
    if (r.status === "ok") {
      const last = r.delivered[r.delivered.length - 1]?.message;
      return reply(200, last ? last.body : null, common);
    }
    if (r.status === "filtered") return reply(204, "", common);
    const failure = r.deadLetters[0] ?? r.failures[0];
    const permanent = failure?.errorClass === "permanent";
    return reply(
      permanent ? 422 : 502,
      {
        id: msg.id,
        status: r.status,
        failedStep: failure?.failedStep,
        error: failure?.error,
        deadLettered: r.status === "dead_lettered",
      },
      common,
    );
  }

  private findByPath(path: string, envKey: string): DeploymentWorker | undefined {
    const w = this.opts.runtime.findWorkerByPath(path);
    if (w && w.ctx.environmentKey === envKey) return w;
    return undefined;
  }

  private async getRun(res: ServerResponse, id: string): Promise<void> {
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
    return send(res, 404, { error: `No run for message ${id}: it is unknown, or still queued on RabbitMQ.` });
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
