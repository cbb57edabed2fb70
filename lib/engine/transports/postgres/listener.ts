import { EventEmitter } from "node:events";
import pg from "pg";

type TLog = { warn(obj: object, msg?: string): void };

/**
 * One LISTEN connection per process, shared by the transport and the runtime. It reconnects with
 * backoff after a drop and emits "reconnected" so callers can re-poll what they may have missed:
 * NOTIFY is a wake-up, never the only path (everything also polls).
 */
export class PgListener extends EventEmitter {
  private client: pg.Client | null = null;
  private readonly channels = new Set<string>();
  private closed = false;
  private connecting: Promise<void> | null = null;
  private retryMs = 200;

  constructor(
    private readonly connectionString: string,
    private readonly log?: TLog,
  ) {
    super();
    this.setMaxListeners(0);
  }

  async listen(channel: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
    this.channels.add(channel);
    await this.ensure();
    await this.client?.query(`LISTEN ${channel}`);
  }

  private ensure(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: "switchboard-engine-listen",
    });
    client.on("notification", (n) => this.emit(n.channel, n.payload ?? ""));
    client.on("error", (error) => this.onDrop(client, error));
    client.on("end", () => this.onDrop(client, new Error("connection ended")));
    await client.connect();
    for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    this.client = client;
    this.retryMs = 200;
  }

  private onDrop(client: pg.Client, error: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.log?.warn({ err: error.message }, "LISTEN connection lost; reconnecting");
    const retry = () => {
      if (this.closed) return;
      this.ensure().then(
        () => this.emit("reconnected"),
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          setTimeout(retry, this.retryMs).unref();
        },
      );
    };
    setTimeout(retry, this.retryMs).unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
