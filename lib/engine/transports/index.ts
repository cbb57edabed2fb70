import type pg from "pg";
import { PgListener } from "./postgres/listener";
import { PostgresTransport } from "./postgres/transport";
import { RabbitTransport } from "./rabbitmq/transport";
import type { Transport, TTransportKind } from "./types";

export type { Transport, TTransportKind } from "./types";
export { PgListener } from "./postgres/listener";
export { createPgPool } from "./postgres/pool";

type TLog = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export type TTransportDeps = {
  kind: TTransportKind;
  pool: pg.Pool;
  /** Claims and acks (see createPgPool's asyncCommit). */
  fastPool?: pg.Pool;
  listener: PgListener;
  rabbitUrl: string;
  workerId: string;
  /** Postgres: how long a claimed message stays hidden before another worker may take it. */
  visibilityMs?: number;
  log?: TLog;
};

/** The configured transport (ENGINE_TRANSPORT), connected and ready. */
export async function createTransport(deps: TTransportDeps): Promise<Transport> {
  if (deps.kind === "postgres") {
    return new PostgresTransport({
      pool: deps.pool,
      fastPool: deps.fastPool,
      listener: deps.listener,
      workerId: deps.workerId,
      visibilityMs: deps.visibilityMs,
      log: deps.log,
    });
  }
  const t = new RabbitTransport({
    url: deps.rabbitUrl,
    connectionName: `switchboard-engine ${deps.workerId}`,
    log: deps.log,
  });
  await t.start();
  return t;
}
