import { randomBytes } from "node:crypto";
import type pg from "pg";
import { webhookHeaders } from "@/lib/apis/webhook-signature";
import type { TLog } from "@/lib/engine/runtime/context";
import { AppError, toProblem } from "@/lib/errors";
import type { TApiOperations, TBackendReply, TBeginOperation, TOperationStatus } from "./contracts";

const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export type TApiOperationsOptions = {
  log: TLog;
  /** Lets callbacks go to plain-http hosts other than localhost (never in production). */
  allowHttpCallbacks?: boolean;
  /** The portal's public URL, so a failed operation's problem `type` is absolute. */
  publicBaseUrl?: string;
  /** How long a status resource is kept after it began. */
  ttlMs?: number;
  /** Attempts per callback (the first plus retries). */
  callbackAttempts?: number;
  /** Per attempt; a callback receiver must answer quickly (it should queue, not process). */
  callbackTimeoutMs?: number;
  /** First retry delay, doubled each time. */
  callbackBackoffMs?: number;
  /** How often expired operations are deleted. */
  purgeEveryMs?: number;
};

/**
 * Refuses a `Callback-Url` the gateway will not call: anything but https, except plain http to this
 * machine (for local development) or anywhere when explicitly allowed. Credentials in the URL are
 * refused too, since they would be stored in the clear.
 */
export function assertCallbackUrl(raw: string, allowHttp = false): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("BAD_REQUEST", `Callback-Url "${raw}" is not an absolute URL.`);
  }
  if (url.username || url.password)
    throw new AppError("BAD_REQUEST", "Callback-Url must not carry a user name or password.");
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && (allowHttp || LOCAL_HOSTS.has(url.hostname))) return url;
  throw new AppError(
    "BAD_REQUEST",
    url.protocol === "http:"
      ? `Callback-Url must use https; plain http is only accepted for localhost or 127.0.0.1 (got ${url.host}).`
      : `Callback-Url must be an https URL (got ${url.protocol.replace(":", "")}).`,
  );
}

type TRow = {
  id: string;
  status: TOperationStatus["status"];
  operation: string;
  createdAtMs: number;
  completedAtMs: number | null;
  httpStatus: number | null;
  result: unknown;
};

function isJsonType(contentType: string | undefined): boolean {
  return !!contentType && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType.trim());
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * How a backend's reply is kept: a JSON body as JSON, any other bytes as
 * `{ contentType, bodyBase64 }`, a value the flow answered with as is.
 */
export function storedResult(reply: TBackendReply): unknown {
  const body = reply.body;
  if (!Buffer.isBuffer(body)) return body ?? null;
  if (!body.length) return null;
  const contentType = headerOf(reply.headers, "content-type");
  if (isJsonType(contentType)) {
    try {
      return JSON.parse(body.toString("utf8")) as unknown;
    } catch {
      // Declared JSON but is not: keep the bytes.
    }
  }
  return { contentType: contentType ?? "application/octet-stream", bodyBase64: body.toString("base64") };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Long-running requests answered 202: each is a row in "ApiOperation" (its status resource), completed
 * when the backend's work settles, then announced to the caller's Callback-Url with a Standard
 * Webhooks signature made with the consumer's callback secret, retried with backoff.
 */
export class ApiOperations implements TApiOperations {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly purger: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: TApiOperationsOptions,
  ) {
    this.purger = setInterval(
      () =>
        void this.purgeExpired().catch((error: unknown) =>
          this.opts.log.warn({ err: String(error) }, "deleting expired API operations failed; retrying later"),
        ),
      opts.purgeEveryMs ?? 10 * 60_000,
    );
    this.purger.unref();
  }

  /**
   * Throws BAD_REQUEST for a Callback-Url that begin() would refuse; the gateway calls it before it
   * starts the backend's work, so a refused request has no effect. Returns the normalized URL.
   */
  checkCallback(callbackUrl: string | null, callbackSecret: string | null): string | null {
    if (!callbackUrl) return null;
    const url = assertCallbackUrl(callbackUrl, this.opts.allowHttpCallbacks).toString();
    if (!callbackSecret)
      throw new AppError(
        "BAD_REQUEST",
        "Callback-Url needs an identified consumer: the callback is signed with the consumer's callback secret.",
      );
    return url;
  }

  async begin(input: TBeginOperation): Promise<{ id: string; location: string }> {
    // Observe the work's outcome at once: it may reject while the row is being inserted, and an
    // unobserved rejection would take the process down.
    const outcome = input.work.then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    if (this.stopped) throw new AppError("SERVICE_UNAVAILABLE", "The gateway is shutting down; retry.");
    const callbackUrl = this.checkCallback(input.callbackUrl, input.callbackSecret);
    const id = `op_${randomBytes(15).toString("base64url")}`;
    await this.pool.query(
      `INSERT INTO "ApiOperation" ("id", "apiVersionId", "environmentId", "consumerId", "operation", "status",
         "callbackUrl", "createdAt", "expiresAt")
       VALUES ($1, $2, $3, $4, $5, 'running', $6, now() AT TIME ZONE 'UTC',
               (now() AT TIME ZONE 'UTC') + make_interval(secs => $7::float8 / 1000))`,
      [
        id,
        input.apiVersionId,
        input.environmentId,
        input.consumerId,
        input.operation,
        callbackUrl,
        this.opts.ttlMs ?? DAY_MS,
      ],
    );
    const settle = this.settle(id, outcome, input.callbackSecret, callbackUrl)
      .catch((error: unknown) =>
        this.opts.log.error({ err: String(error), operationId: id }, "completing an API operation failed"),
      )
      .finally(() => this.inFlight.delete(settle));
    this.inFlight.add(settle);
    return { id, location: `/_operations/${id}` };
  }

  async get(id: string, consumerId: string | null): Promise<TOperationStatus | null> {
    // Epoch ms computed in SQL: the columns are UTC timestamps without a zone.
    const r = await this.pool.query<TRow>(
      `SELECT "id", "status", "operation", "httpStatus", "result",
              (extract(epoch FROM "createdAt") * 1000)::float8 AS "createdAtMs",
              (extract(epoch FROM "completedAt") * 1000)::float8 AS "completedAtMs"
       FROM "ApiOperation"
       WHERE "id" = $1 AND "consumerId" IS NOT DISTINCT FROM $2 AND "expiresAt" > (now() AT TIME ZONE 'UTC')`,
      [id, consumerId],
    );
    const row = r.rows[0];
    return row ? toStatus(row) : null;
  }

  /** Deletes operations past their expiry; returns how many. */
  async purgeExpired(): Promise<number> {
    const r = await this.pool.query(`DELETE FROM "ApiOperation" WHERE "expiresAt" < (now() AT TIME ZONE 'UTC')`);
    return r.rowCount ?? 0;
  }

  /** Stops the purge timer and waits (up to `graceMs`) for running operations to be completed and announced. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.purger);
    if (!this.inFlight.size) return;
    await Promise.race([Promise.allSettled([...this.inFlight]), sleep(graceMs)]);
  }

  private async settle(
    id: string,
    outcome: Promise<{ reply: TBackendReply } | { error: unknown }>,
    callbackSecret: string | null,
    callbackUrl: string | null,
  ): Promise<void> {
    let status: "succeeded" | "failed";
    let httpStatus: number;
    let result: unknown;
    const settled = await outcome;
    if ("reply" in settled) {
      const reply = settled.reply;
      httpStatus = reply.status;
      status = reply.status < 400 ? "succeeded" : "failed";
      result = storedResult(reply);
    } else {
      const error = settled.error;
      const known =
        error instanceof AppError
          ? error
          : new AppError("BAD_GATEWAY", "The backend failed before it answered.", { cause: error });
      if (!(error instanceof AppError))
        this.opts.log.warn({ err: String(error), operationId: id }, "an API operation's backend failed");
      const problem = toProblem(known, {
        log: this.opts.log,
        publicBaseUrl: this.opts.publicBaseUrl,
        instance: `/_operations/${id}`,
      });
      status = "failed";
      httpStatus = problem.status;
      result = problem.body;
    }
    const r = await this.pool.query<TRow>(
      `UPDATE "ApiOperation" SET "status" = $2, "httpStatus" = $3, "result" = $4::jsonb,
              "completedAt" = now() AT TIME ZONE 'UTC'
       WHERE "id" = $1
       RETURNING "id", "status", "operation", "httpStatus", "result",
                 (extract(epoch FROM "createdAt") * 1000)::float8 AS "createdAtMs",
                 (extract(epoch FROM "completedAt") * 1000)::float8 AS "completedAtMs"`,
      [id, status, httpStatus, JSON.stringify(result ?? null)],
    );
    const row = r.rows[0];
    if (!row || !callbackUrl || !callbackSecret) return;
    await this.sendCallback(id, callbackUrl, callbackSecret, JSON.stringify(toStatus(row)));
  }

  /**
   * POSTs the outcome; retried on network errors, timeouts, 408, 429 and 5xx, never on another 4xx
   * (the receiver refused it). The same webhook-id on every attempt lets the receiver de-duplicate.
   * Redirects are not followed, so a callback cannot be bounced to a URL that was not checked.
   */
  private async sendCallback(id: string, url: string, secret: string, body: string): Promise<void> {
    const attempts = Math.max(1, this.opts.callbackAttempts ?? 4);
    const timeoutMs = this.opts.callbackTimeoutMs ?? 5_000;
    const backoffMs = this.opts.callbackBackoffMs ?? 1_000;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let httpStatus: number | null = null;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...webhookHeaders(id, body, secret) },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
        httpStatus = res.status;
        await res.body?.cancel().catch(() => undefined);
      } catch (error) {
        this.opts.log.warn({ err: String(error), operationId: id, attempt }, "an API operation's callback failed");
      }
      await this.pool.query(
        `UPDATE "ApiOperation" SET "callbackStatus" = $2, "callbackAttempts" = $3 WHERE "id" = $1`,
        [id, httpStatus, attempt],
      );
      if (httpStatus !== null && httpStatus >= 200 && httpStatus < 300) return;
      const retryable =
        httpStatus === null || httpStatus === 408 || httpStatus === 429 || httpStatus >= 500 || httpStatus < 200;
      if (!retryable || attempt === attempts) {
        this.opts.log.warn(
          { operationId: id, callbackStatus: httpStatus, attempts: attempt },
          "giving up on an API operation's callback",
        );
        return;
      }
      await sleep(backoffMs * 2 ** (attempt - 1));
    }
  }
}

function toStatus(row: TRow): TOperationStatus {
  const out: TOperationStatus = {
    id: row.id,
    status: row.status,
    operation: row.operation,
    createdAt: new Date(Number(row.createdAtMs)).toISOString(),
  };
  if (row.completedAtMs !== null) out.completedAt = new Date(Number(row.completedAtMs)).toISOString();
  if (row.httpStatus !== null) out.httpStatus = row.httpStatus;
  if (row.status !== "running") out.result = row.result;
  return out;
}
