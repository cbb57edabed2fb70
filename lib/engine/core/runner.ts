import { randomUUID } from "node:crypto";
import type { TFlowOutput, TFlowSpec, TFlowStep, TRetryPolicy } from "@/lib/validation/flow-spec";
import { CircuitBreakers } from "./circuit-breakers";
import type { EngineDeps, Output, Processor, TRunInfo } from "./contracts";
import { classifyError, errorMessage } from "./errors";
import { idempotencyKeyOf } from "./idempotency";
import {
  IDEMPOTENCY_HEADER,
  isFailed,
  markFailed,
  REPLAY_HEADER,
  RESUBMIT_HEADER,
  RESUME_AT_HEADER,
  serializableMessage,
  type Message,
} from "./message";
import type { RunObserver, TDeadLetter, TStepEvent, TStepOutcome } from "./observer";
import type { Registry } from "./registry";
import { runWithRetry, type TAttempt } from "./retry";

/** The pseudo-step lineage shows for policy.idempotencyKey (duplicates are filtered there). */
export const IDEMPOTENCY_STEP = "(idempotency)";

/** Header a route step sets; steps and outputs with `when` only take messages sent to their branch. */
export const ROUTE_HEADER = "sb-route";

export type TRunStatus = "ok" | "filtered" | "dead_lettered" | "failed";

export type TRunResult = {
  runId: string;
  correlationId: string;
  status: TRunStatus;
  delivered: { outputId: string; message: Message }[];
  /** Dead letters to persist (only when policy.dlq is on). */
  deadLetters: TDeadLetter[];
  /** Same records when policy.dlq is off: the runtime logs them and acks, nothing is kept. */
  failures: TDeadLetter[];
  durationMs: number;
};

type TBuiltStep = {
  spec: TFlowStep;
  processor: Processor;
  /** Bounded in-process work (the component says so): may run before the idempotency claim is known. */
  pure: boolean;
  handlesFailed: boolean;
  retry: TRetryPolicy;
  timeoutMs: number;
};
type TBuiltOutput = { spec: TFlowOutput; output: Output; retry: TRetryPolicy };

export type TRunnerOptions = {
  deps?: EngineDeps;
  observer?: RunObserver;
  /** Shared across runners in a process so each endpoint has one breaker. */
  breakers?: CircuitBreakers;
  /** Replace outputs (e.g. capture them in `flow test`); return undefined to keep the real one. */
  outputFactory?: (output: TFlowOutput) => Output | undefined;
};

function routeMatches(when: string[] | undefined, msg: Message): boolean {
  return !when || when.includes(msg.headers[ROUTE_HEADER] ?? "");
}

/** Runs messages through a flow's steps and outputs in process. One runner per deployed flow version. */
export class FlowRunner {
  readonly spec: TFlowSpec;
  private readonly steps: TBuiltStep[];
  private readonly outputs: TBuiltOutput[];
  private readonly deps: EngineDeps;
  private readonly observer: RunObserver;
  private readonly breakers: CircuitBreakers;
  /** Step events of runs whose idempotency claim is still in flight, by run id. */
  private readonly held = new Map<string, TStepEvent[]>();

  constructor(spec: TFlowSpec, registry: Registry, opts: TRunnerOptions = {}) {
    this.spec = spec;
    this.deps = opts.deps ?? {};
    this.observer = opts.observer ?? {};
    this.breakers = opts.breakers ?? new CircuitBreakers();
    this.steps = spec.steps.map((s) => {
      const component = registry.getOrThrow("processor", s.use);
      return {
        spec: s,
        processor: registry.build("processor", s.use, s.config, { ...this.deps, stepId: s.id }),
        pure: component.bounded === true,
        handlesFailed: component.handlesFailed ?? false,
        retry: s.retry ?? spec.policy.retry,
        timeoutMs: component.bounded ? 0 : spec.policy.timeoutMs,
      };
    });
    this.outputs = spec.outputs.map((o) => ({
      spec: o,
      output: opts.outputFactory?.(o) ?? registry.build("output", o.use, o.config, this.deps),
      retry: o.retry ?? spec.policy.retry,
    }));
  }

  async connect(s: AbortSignal): Promise<void> {
    for (const o of this.outputs) await o.output.connect(s);
  }

  async close(): Promise<void> {
    for (const o of this.outputs) await o.output.close();
    for (const st of this.steps) await st.processor.close?.();
  }

  /** Runs one input message to completion: every step, then every matching output (with retries). */
  async run(input: Message, s: AbortSignal = new AbortController().signal): Promise<TRunResult> {
    if (RESUME_AT_HEADER in input.headers) return this.resume(input, s);
    if (!this.spec.policy.idempotencyKey) return this.runFrom([input], 0, input, s);
    const started = (this.deps.now ?? Date.now)();
    let key: string;
    try {
      key = (await idempotencyKeyOf(this.spec, input, this.deps.evaluator))!;
    } catch (error) {
      // No usable key: the message fails like any step would (routes may still take it; else the DLQ).
      const failed = markFailed(input, {
        failedStep: IDEMPOTENCY_STEP,
        error: errorMessage(error),
        errorClass: classifyError(error),
      });
      return this.runFrom([failed], 0, input, s);
    }
    // A claim that cannot be made (database down) rejects the run: the message goes back to its queue.
    const store = this.deps.dedupeStore;
    const keyed = { ...input, headers: { ...input.headers, [IDEMPOTENCY_HEADER]: key } };
    if (!store) return this.runFrom([keyed], 0, input, s);
    const claim = store.claim(`policy:${key}`, 0, { messageId: input.id, takeOver: REPLAY_HEADER in input.headers });
    // The claim's round trip overlaps the pure steps (no I/O, nothing kept): they run meanwhile and
    // their events wait; the claim is awaited before the first step with effects or the first output,
    // so a duplicate never reaches either and nothing of its run is observed.
    if (this.purePrefix === 0) {
      if (!(await claim)) return this.duplicate(input, started);
      return this.runFrom([keyed], 0, input, s);
    }
    claim.catch(() => undefined);
    return (await this.runFrom([keyed], 0, input, s, claim)) ?? this.duplicate(input, started);
  }

  /**
   * How many leading steps are pure (bounded, in-process, keep nothing between runs): the only ones
   * that may run before the idempotency claim is known.
   */
  private get purePrefix(): number {
    this.pureSteps ??= this.countPureSteps();
    return this.pureSteps;
  }

  private pureSteps: number | null = null;

  private countPureSteps(): number {
    let n = 0;
    for (const st of this.steps) {
      const p = st.processor;
      if (!st.pure || p.endRun || p.flush) break;
      n++;
    }
    return n;
  }

  /**
   * A quarantined record resubmitted: it re-enters at the step that quarantined it, once per quarantine
   * entry (a second delivery of the same resubmission is a duplicate).
   */
  private async resume(input: Message, s: AbortSignal): Promise<TRunResult> {
    const at = this.steps.findIndex((st) => st.spec.id === input.headers[RESUME_AT_HEADER]);
    if (at < 0) {
      const failed = markFailed(input, {
        failedStep: input.headers[RESUME_AT_HEADER],
        error: `This flow version has no step "${input.headers[RESUME_AT_HEADER]}" to resume at.`,
        errorClass: "permanent",
      });
      return this.runFrom([failed], this.steps.length, input, s);
    }
    const entry = input.headers[RESUBMIT_HEADER];
    const store = this.deps.dedupeStore;
    if (entry && store && !(await store.claim(`resubmit:${entry}`, 0, { messageId: input.id }))) {
      return this.duplicate(input, (this.deps.now ?? Date.now)());
    }
    // The step that quarantined it checks it again, so a fix that still fails is quarantined again.
    return this.runFrom([input], at, input, s);
  }

  /** Another message already claimed this key: nothing runs, the run is recorded as filtered. */
  private async duplicate(input: Message, started: number): Promise<TRunResult> {
    const runId = randomUUID();
    await this.emit({
      runId,
      msg: input,
      id: IDEMPOTENCY_STEP,
      kind: "step",
      use: "idempotency",
      outcome: "filtered",
      attempts: 1,
      durationMs: (this.deps.now ?? Date.now)() - started,
      messages: [],
    });
    return {
      runId,
      correlationId: input.correlationId,
      status: "filtered",
      delivered: [],
      deadLetters: [],
      failures: [],
      durationMs: (this.deps.now ?? Date.now)() - started,
    };
  }

  /** Releases timed-out aggregate groups and runs them through the remaining steps. Call periodically. */
  async tick(s: AbortSignal = new AbortController().signal): Promise<TRunResult[]> {
    const now = (this.deps.now ?? Date.now)();
    const results: TRunResult[] = [];
    for (let i = 0; i < this.steps.length; i++) {
      const flushed = (await this.steps[i].processor.flush?.(now)) ?? [];
      for (const msg of flushed) results.push(await this.runFrom([msg], i + 1, msg, s));
    }
    return results;
  }

  private runFrom(start: Message[], fromStep: number, original: Message, s: AbortSignal): Promise<TRunResult>;
  private runFrom(
    start: Message[],
    fromStep: number,
    original: Message,
    s: AbortSignal,
    claim: Promise<boolean>,
  ): Promise<TRunResult | null>;
  /** With `claim`: resolves null (nothing delivered, nothing observed) when the claim is lost. */
  private async runFrom(
    start: Message[],
    fromStep: number,
    original: Message,
    s: AbortSignal,
    claim?: Promise<boolean>,
  ): Promise<TRunResult | null> {
    const runId = randomUUID();
    if (!claim) return this.runSteps(runId, start, fromStep, original, s);
    this.held.set(runId, []);
    try {
      return await this.runSteps(runId, start, fromStep, original, s, claim);
    } finally {
      // Also when the run threw before its claim settled.
      this.held.delete(runId);
    }
  }

  private async runSteps(
    runId: string,
    start: Message[],
    fromStep: number,
    original: Message,
    s: AbortSignal,
    claim?: Promise<boolean>,
  ): Promise<TRunResult | null> {
    const t0 = (this.deps.now ?? Date.now)();
    const run = { inputId: original.id };
    let current = start;
    // Events of the steps that ran before the claim was known, emitted once it is won.
    let held = claim !== undefined;
    const settleClaim = async (): Promise<boolean> => {
      if (!held) return true;
      held = false;
      const events = this.held.get(runId) ?? [];
      this.held.delete(runId);
      if (!(await claim!)) return false;
      for (const e of events) await this.observer.onStep?.(e);
      return true;
    };
    for (let i = fromStep; i < this.steps.length; i++) {
      if (held && i >= this.purePrefix && !(await settleClaim())) return null;
      const next: Message[] = [];
      for (const msg of current) next.push(...(await this.runStep(this.steps[i], msg, runId, s, run)));
      // Rejects (the input goes back to its queue) when what the run left open cannot be kept.
      const { processor } = this.steps[i];
      const released = processor.endRun ? await processor.endRun(run) : [];
      current = released.length ? [...next, ...released] : next;
    }
    if (held && !(await settleClaim())) return null;
    const result: TRunResult = {
      runId,
      correlationId: original.correlationId,
      status: "ok",
      delivered: [],
      deadLetters: [],
      failures: [],
      durationMs: 0,
    };
    const masking = this.deps.masking;
    for (const msg of current) {
      const out = masking && !isFailed(msg) ? masking.forOutput(msg) : msg;
      await this.deliver(out instanceof Promise ? await out : out, original, result, s);
    }
    result.status =
      result.deadLetters.length || result.failures.length
        ? this.spec.policy.dlq
          ? "dead_lettered"
          : "failed"
        : result.delivered.length
          ? "ok"
          : "filtered";
    result.durationMs = (this.deps.now ?? Date.now)() - t0;
    return result;
  }

  private async runStep(
    step: TBuiltStep,
    msg: Message,
    runId: string,
    s: AbortSignal,
    run: TRunInfo,
  ): Promise<Message[]> {
    if (!routeMatches(step.spec.when, msg) || (isFailed(msg) && !step.handlesFailed)) {
      await this.emit({
        runId,
        msg,
        id: step.spec.id,
        kind: "step",
        use: step.spec.use,
        outcome: "skipped",
        attempts: 0,
        durationMs: 0,
        messages: [msg],
      });
      return [msg];
    }
    const now = this.deps.now ?? Date.now;
    const started = now();
    // Bounded steps (no timer to arm) try once directly; only a failure pays for the retry machinery.
    let res: Awaited<ReturnType<typeof runWithRetry<Message[]>>>;
    if (step.timeoutMs === 0 && !s.aborted) {
      try {
        res = { ok: true, value: await step.processor.process(msg, s, run), attempts: [] };
      } catch (error) {
        res = await runWithRetry((sig) => step.processor.process(msg, sig, run), {
          policy: step.retry,
          timeoutMs: 0,
          signal: s,
          env: this.deps,
          failedFirst: { error, startedAt: started },
        });
      }
    } else {
      res = await runWithRetry((sig) => step.processor.process(msg, sig, run), {
        policy: step.retry,
        timeoutMs: step.timeoutMs,
        signal: s,
        env: this.deps,
      });
    }
    const durationMs = now() - started;
    const attempts = res.attempts.length + (res.ok ? 1 : 0);
    if (res.ok) {
      const outcome: TStepOutcome = res.value.length ? "ok" : "filtered";
      await this.emit({
        runId,
        msg,
        id: step.spec.id,
        kind: "step",
        use: step.spec.use,
        outcome,
        attempts,
        durationMs,
        messages: res.value,
      });
      return res.value;
    }
    const failed = markFailed(msg, {
      failedStep: step.spec.id,
      error: errorMessage(res.error),
      errorClass: res.errorClass,
      attempts: res.attempts,
    });
    await this.emit({
      runId,
      msg,
      id: step.spec.id,
      kind: "step",
      use: step.spec.use,
      outcome: "failed",
      attempts,
      durationMs,
      messages: [failed],
      error: errorMessage(res.error),
      errorClass: res.errorClass,
    });
    return [failed];
  }

  /** Failed messages go only to outputs a route explicitly sent them to; otherwise to the dead letter channel. */
  private async deliver(msg: Message, original: Message, result: TRunResult, s: AbortSignal): Promise<void> {
    const targets = this.outputs.filter((o) => routeMatches(o.spec.when, msg) && (!isFailed(msg) || o.spec.when));
    if (!targets.length) {
      if (isFailed(msg)) {
        const e = msg.error!;
        await this.deadLetter(
          result,
          original,
          msg,
          e.failedStep,
          e.error,
          e.errorClass,
          e.attempts ?? [{ at: msg.time, error: e.error, durationMs: 0 }],
        );
      } else {
        await this.emit({
          runId: result.runId,
          msg,
          id: "(none)",
          kind: "output",
          use: "(none)",
          outcome: "unrouted",
          attempts: 0,
          durationMs: 0,
          messages: [],
        });
      }
      return;
    }
    for (const target of targets) {
      const started = (this.deps.now ?? Date.now)();
      const write = (sig: AbortSignal) => target.output.write(msg, sig);
      const endpoint = target.output.endpoint;
      const guarded = endpoint
        ? (sig: AbortSignal) => this.breakers.get(endpoint, this.spec.policy.circuitBreaker).execute(() => write(sig))
        : write;
      const res = await runWithRetry(guarded, {
        policy: target.retry,
        timeoutMs: this.spec.policy.timeoutMs,
        signal: s,
        env: this.deps,
      });
      const durationMs = (this.deps.now ?? Date.now)() - started;
      const base = {
        runId: result.runId,
        msg,
        id: target.spec.id,
        kind: "output" as const,
        use: target.spec.use,
        durationMs,
      };
      if (res.ok) {
        result.delivered.push({ outputId: target.spec.id, message: msg });
        await this.emit({ ...base, outcome: "ok", attempts: res.attempts.length + 1, messages: [msg] });
      } else {
        const error = errorMessage(res.error);
        await this.emit({
          ...base,
          outcome: "dead_lettered",
          attempts: res.attempts.length,
          messages: [],
          error,
          errorClass: res.errorClass,
        });
        await this.deadLetter(result, original, msg, target.spec.id, error, res.errorClass, res.attempts);
      }
    }
  }

  private async deadLetter(
    result: TRunResult,
    original: Message,
    failedMessage: Message,
    failedStep: string,
    error: string,
    errorClass: "permanent" | "transient",
    attempts: TAttempt[],
  ) {
    const record: TDeadLetter = {
      flow: this.spec.name,
      runId: result.runId,
      originalMessage: serializableMessage(original),
      failedMessage: serializableMessage(failedMessage),
      failedStep,
      error,
      errorClass,
      attempts,
      deadLetteredAt: new Date((this.deps.now ?? Date.now)()).toISOString(),
    };
    if (this.spec.policy.dlq) {
      result.deadLetters.push(record);
      await this.observer.onDeadLetter?.(record);
    } else {
      result.failures.push(record);
    }
  }

  private emit(e: {
    runId: string;
    msg: Message;
    id: string;
    kind: "step" | "output";
    use: string;
    outcome: TStepOutcome;
    attempts: number;
    durationMs: number;
    messages: Message[];
    error?: string;
    errorClass?: "permanent" | "transient";
  }) {
    if (!this.observer.onStep) return undefined;
    const event: TStepEvent = {
      runId: e.runId,
      flow: this.spec.name,
      correlationId: e.msg.correlationId,
      messageId: e.msg.id,
      stepId: e.id,
      stepKind: e.kind,
      use: e.use,
      outcome: e.outcome,
      attempts: e.attempts,
      durationMs: e.durationMs,
      startedAt: (this.deps.now ?? Date.now)() - e.durationMs,
      messages: e.messages,
      ...(e.error ? { error: e.error, errorClass: e.errorClass } : {}),
    };
    const held = this.held.get(e.runId);
    if (held) {
      held.push(event);
      return undefined;
    }
    return this.observer.onStep(event);
  }
}
