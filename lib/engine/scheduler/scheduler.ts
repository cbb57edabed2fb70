import type pg from "pg";
import type { TLog } from "@/lib/engine/runtime/context";
import { acquireLease, releaseLease } from "./lease";

/** A job the engine runs on a schedule; exactly one engine at a time runs it (a lease in Postgres). */
export type TJob = {
  /** The lease's name: stable across releases. */
  name: string;
  everyMs: number;
  run(now: Date): Promise<unknown>;
};

export type TSchedulerOptions = {
  pool: pg.Pool;
  /** This engine's id: the lease's holder. */
  holder: string;
  jobs: TJob[];
  tickMs: number;
  /** How long a lease outlives its holder's last renewal (a crashed engine's jobs move after this). Default 3 ticks. */
  leaseMs?: number;
  log: TLog;
};

/**
 * The engine's scheduler. On every tick it takes or renews each job's lease and, while it holds it,
 * runs the job when due. A job run does not block the tick, so a slow run keeps its lease renewed; a
 * job never runs twice at once in one engine. Another engine takes a job over when its holder releases
 * the lease (graceful stop) or the lease expires (crash). A page view never runs a job.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly lastRun = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly held = new Set<string>();
  private stopped = false;

  constructor(private readonly opts: TSchedulerOptions) {}

  get leaseMs(): number {
    return this.opts.leaseMs ?? this.opts.tickMs * 3;
  }

  /** The jobs this engine holds the lease of now. */
  get holding(): string[] {
    return [...this.held];
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    this.timer.unref();
    void this.tick();
  }

  /** One pass over the jobs; serialized (an overlapping tick is skipped). */
  tick(now = Date.now()): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.ticking ??= this.tickOnce(now).finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async tickOnce(now: number): Promise<void> {
    for (const job of this.opts.jobs) {
      let isHolder: boolean;
      try {
        isHolder = await acquireLease(this.opts.pool, job.name, this.opts.holder, this.leaseMs);
      } catch (error) {
        this.opts.log.warn({ err: String(error), job: job.name }, "scheduler lease check failed; retrying next tick");
        continue;
      }
      if (!isHolder) {
        if (this.held.delete(job.name)) this.opts.log.info({ job: job.name }, "scheduler lease lost to another engine");
        continue;
      }
      if (!this.held.has(job.name)) {
        this.held.add(job.name);
        this.opts.log.info({ job: job.name, holder: this.opts.holder }, "scheduler lease taken");
      }
      if (this.stopped || this.running.has(job.name)) continue;
      if (now - (this.lastRun.get(job.name) ?? 0) < job.everyMs) continue;
      this.lastRun.set(job.name, now);
      const run = job
        .run(new Date(now))
        .then(
          (result) => this.opts.log.debug?.({ job: job.name, result }, "scheduled job ran"),
          (error: unknown) => this.opts.log.error({ err: String(error), job: job.name }, "scheduled job failed"),
        )
        .finally(() => this.running.delete(job.name));
      this.running.set(job.name, run);
    }
  }

  /**
   * Stops ticking, waits for running jobs, and releases the leases (`release: false` leaves them to
   * expire, as a crash would: for tests).
   */
  async stop(opts: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
    await Promise.allSettled([...this.running.values()]);
    if (opts.release === false) return;
    for (const name of this.held)
      await releaseLease(this.opts.pool, name, this.opts.holder).catch((error: unknown) =>
        this.opts.log.warn({ err: String(error), job: name }, "releasing a scheduler lease failed; it will expire"),
      );
    this.held.clear();
  }
}
