import type { TLog } from "@/lib/engine/runtime/context";

/** What one answered request leaves behind: the access log line and the analytics call. */
export type TRequestRecord = {
  method: string;
  path: string;
  api: string | null;
  version: number | null;
  apiVersionId: string | null;
  operation: string;
  env: string | null;
  environmentId: string | null;
  consumer: string | null;
  consumerId: string | null;
  keyPrefix: string | null;
  requestId: string;
  traceId: string;
};

/** One structured line per request; the key's prefix at most, never the key or a token. */
export function writeAccessLog(
  log: TLog,
  r: TRequestRecord,
  outcome: { status: number; latencyMs: number; bytes: number },
): void {
  log.info(
    {
      method: r.method,
      path: r.path,
      api: r.api,
      version: r.version,
      operation: r.operation,
      env: r.env,
      consumer: r.consumer,
      keyPrefix: r.keyPrefix,
      status: outcome.status,
      latencyMs: Math.round(outcome.latencyMs * 100) / 100,
      bytes: outcome.bytes,
      requestId: r.requestId,
      traceId: r.traceId,
    },
    "api request",
  );
}
