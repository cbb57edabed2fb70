import { Worker } from "node:worker_threads";
import { PermanentError } from "@/lib/engine/core/errors";

export type TPoolOptions = {
  size: number;
  /** Hard wall-clock limit per evaluation; the worker is terminated when it is exceeded. */
  timeoutMs: number;
  /** V8 old-generation heap cap per worker. */
  memoryMb: number;
  maxDepth: number;
  maxSequence: number;
};

type Task = {
  expression: string;
  input: unknown;
  bindings: Record<string, unknown>;
  resolve(v: unknown): void;
  reject(e: Error): void;
};
type Slot = { worker: Worker | null; task: Task | null; timer?: NodeJS.Timeout; seq: number; isReady: boolean };

const WORKER_URL = new URL("./jsonata-worker.mjs", import.meta.url);

/** A fixed pool of worker threads running stock jsonata, one evaluation per worker at a time. */
export class JsonataPool {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private isClosed = false;

  constructor(private readonly opts: TPoolOptions) {
    this.slots = Array.from({ length: opts.size }, () => ({ worker: null, task: null, seq: 0, isReady: false }));
  }

  evaluate(expression: string, input: unknown, bindings: Record<string, unknown> = {}): Promise<unknown> {
    if (this.isClosed) return Promise.reject(new Error("JSONata pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ expression, input, bindings, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error("JSONata pool is closed"));
    await Promise.all(this.slots.map((s) => this.kill(s)));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      const worker = slot.worker ?? this.spawn(slot);
      const id = ++slot.seq;
      if (slot.isReady) this.startTimer(slot);
      try {
        worker.postMessage({ id, expression: task.expression, input: task.input, bindings: task.bindings });
      } catch (error) {
        this.finish(slot);
        task.reject(
          new PermanentError(
            `JSONata input cannot be passed to the sandbox: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    }
  }

  /** The clock starts once the worker has loaded, so a cold start never counts against the expression. */
  private startTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      this.fail(
        slot,
        new PermanentError(`JSONata expression exceeded the ${this.opts.timeoutMs} ms time limit and was stopped`),
      );
    }, this.opts.timeoutMs);
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(WORKER_URL, {
      workerData: { timeoutMs: this.opts.timeoutMs, maxDepth: this.opts.maxDepth, maxSequence: this.opts.maxSequence },
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.memoryMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.floor(this.opts.memoryMb / 4)),
        stackSizeMb: 4,
      },
    });
    worker.unref(); // idle sandboxes never keep the process alive
    worker.on(
      "message",
      (m: {
        ready?: boolean;
        id: number;
        ok: boolean;
        value?: unknown;
        error?: { message: string; code?: string; position?: number };
      }) => {
        if (slot.worker !== worker) return;
        if (m.ready) {
          slot.isReady = true;
          if (slot.task) this.startTimer(slot);
          return;
        }
        if (m.id !== slot.seq || !slot.task) return;
        const task = this.finish(slot);
        if (m.ok) task.resolve(m.value);
        else
          task.reject(
            new PermanentError(
              `JSONata ${m.error?.code ?? "error"}${m.error?.position !== undefined ? ` at position ${m.error.position}` : ""}: ${m.error?.message}`,
            ),
          );
        this.dispatch();
      },
    );
    worker.on("error", (err) => {
      if (slot.worker !== worker) return;
      const isOom = /memory/i.test(err.message) || (err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      this.fail(
        slot,
        new PermanentError(
          isOom
            ? `JSONata expression exceeded the ${this.opts.memoryMb} MB memory limit and was stopped`
            : `JSONata sandbox failed: ${err.message}`,
        ),
      );
    });
    worker.on("exit", () => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      if (slot.task) this.fail(slot, new PermanentError("JSONata sandbox exited unexpectedly"));
    });
    slot.worker = worker;
    slot.isReady = false;
    return worker;
  }

  private finish(slot: Slot): Task {
    clearTimeout(slot.timer);
    const task = slot.task!;
    slot.task = null;
    return task;
  }

  /** Rejects the running task and replaces the worker: a stuck evaluation cannot be interrupted any other way. */
  private fail(slot: Slot, error: Error): void {
    if (!slot.task) return;
    const task = this.finish(slot);
    void this.kill(slot);
    task.reject(error);
    this.dispatch();
  }

  private async kill(slot: Slot): Promise<void> {
    const w = slot.worker;
    slot.worker = null;
    slot.isReady = false;
    clearTimeout(slot.timer);
    if (w) await w.terminate();
  }
}
