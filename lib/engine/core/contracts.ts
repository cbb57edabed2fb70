import type { z } from "zod";
import type { Message } from "./message";
import type { MaskingDeps, MasterDataDeps, ProfileSink, QuarantineSink, RuleSetSource } from "./quality";

/** Called once the message is fully handled (ok) or must be redelivered (error). */
export type Ack = (error?: Error) => Promise<void>;

/** A source of messages. `read` blocks until a message arrives or the signal aborts. */
export type Input = {
  connect(s: AbortSignal): Promise<void>;
  /** `deliveryCount`: how often a queue delivered this message (1 = first time), when the input knows. */
  read(s: AbortSignal): Promise<{ msg: Message; ack: Ack; deliveryCount?: number }>;
  /** Safe to call more than once. */
  close(): Promise<void>;
  /**
   * True when concurrent reads are safe and a read rejects as soon as its signal aborts (a queue
   * consumer): the runtime then skips serialising reads and guarding them against a stop.
   */
  readonly concurrentReads?: boolean;
};

/** What a processor may know about the run it is part of. */
export type TRunInfo = {
  /** Id of the message the run started from; a message with this id came from outside the run. */
  inputId: string;
};

/** Zero messages out means the message was filtered; throwing marks it failed. */
export type Processor = {
  process(msg: Message, s: AbortSignal, run?: TRunInfo): Promise<Message[]>;
  /** Stateful processors (aggregate) release groups whose time is up; the runner calls this from `tick()`. */
  flush?(now: number): Promise<Message[]>;
  /**
   * Called once the step has taken every message of a run, before the run's input is acked: a stateful
   * processor makes durable what the run left open. What it returns continues to the next step.
   */
  endRun?(run: TRunInfo): Promise<Message[]>;
  close?(): Promise<void>;
};

export type Output = {
  connect(s: AbortSignal): Promise<void>;
  write(msg: Message, s: AbortSignal): Promise<void>;
  /** Safe to call more than once. */
  close(): Promise<void>;
  /** The target (e.g. URL origin) this output talks to; one circuit breaker per endpoint. */
  endpoint?: string;
};

export type Kinds = { input: Input; processor: Processor; output: Output };
export type TKind = keyof Kinds;

/** Minimal SQL client shape (pg.Pool, pg.Client and transaction clients all fit). */
export type Queryable = {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null }>;
};

/** Idempotent-consumer store: `claim` returns false when the key was already seen. */
/**
 * Who claims a key: the same `messageId` may claim its own key again (a redelivery); `takeOver`
 * (a deliberate replay) claims it whoever held it.
 */
export type TClaim = { ttlMs: number; messageId?: string; takeOver?: boolean };

/** Idempotent-consumer store: `claim` resolves true when the message may go on. ttlMs 0 = no expiry. */
export type DedupeStore = { claim(key: string, ttlMs: number, claim?: Omit<TClaim, "ttlMs">): Promise<boolean> };

/**
 * Durable state of one polling input, shared by every engine that runs its deployment: the committed
 * position (watermark, cursor, ETag) and a lease, so one engine polls at a time and another takes
 * over when it dies.
 */
export type PollStateStore = {
  /** Takes or renews the lease: the committed position (null: none yet), or null when another engine holds it. */
  lease(): Promise<{ position: unknown } | null>;
  /** Commits a position; false when the lease was lost meanwhile (the new holder may poll that batch again). */
  save(position: unknown): Promise<boolean>;
  /** Gives the lease up so another engine can take over at once (graceful stop). */
  release(): Promise<void>;
};

/**
 * Durable parts of open aggregator groups (one store per aggregate step and environment), shared by
 * every engine running the deployment.
 */
export type AggregateStore = {
  /** Adds a part (a part already there is not added twice); resolves the group's parts in arrival order when this one completed it, else null. */
  add(group: string, part: string, msg: Message, size: number): Promise<Message[] | null>;
  /** Takes the groups whose first part is older than `olderThanMs` (each group to one caller). */
  takeExpired(olderThanMs: number): Promise<Message[][]>;
};

/** Evaluates a user expression (JSONata) with time/memory bounds; see lib/engine/sandbox. */
export type Evaluator = {
  evaluate(expression: string, input: unknown, bindings?: Record<string, unknown>): Promise<unknown>;
};

/**
 * A system a flow exchanged messages with, named as the catalog matches it (lib/catalog/endpoints.ts):
 * http `scheme://host[:port]/path` (normalized), queue the queue name or `topic/<topic>`, postgres
 * `host[:port]/database/table`, file the absolute directory.
 */
export type TObservedEndpoint = {
  direction: "inbound" | "outbound";
  endpointKind: "http" | "queue" | "postgres" | "file";
  endpoint: string;
  /** Who called an http input; "" otherwise. */
  caller?: string;
};

/** What components may use from the host. Everything is optional so tests pass only what they need. */
export type EngineDeps = {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number, s?: AbortSignal) => Promise<void>;
  random?: () => number;
  evaluator?: Evaluator;
  dedupeStore?: DedupeStore;
  /** Where an aggregate step keeps groups whose parts arrive as separate messages (per step id); without it, in memory. */
  aggregateStore?: (stepId: string) => AggregateStore;
  /** The id of the step a processor is built for (set by the runner). */
  stepId?: string;
  /** Where a polling input keeps its position; without it the position lives in memory only (flow test). */
  pollState?: PollStateStore;
  /** Database for postgres_upsert / poll_sql when the config has no connectionString. */
  db?: Queryable;
  log?: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
  /**
   * Called when a processor's own call reached a system (an enrichment lookup that got an answer), so
   * the catalog sees that dependency too; outputs and inputs are observed by the runtime itself.
   */
  observeEndpoint?: (e: TObservedEndpoint) => void;
  /** Rule sets deployed in the run's environment (validate_rules). */
  ruleSets?: RuleSetSource;
  /** Where validate_rules keeps every failing record; without it the step fails the message instead. */
  quarantine?: QuarantineSink;
  /** Golden records and master-data lookups. */
  masterData?: MasterDataDeps;
  /** Masking outside production, applied by the runner to every message before its outputs. */
  masking?: MaskingDeps;
  /** Per-minute sketches of the records profile steps see. */
  profiling?: ProfileSink;
};

export type ComponentSpec<K extends TKind, C extends z.ZodType> = {
  kind: K;
  /** lower_snake, stored in flow JSON: never rename. */
  name: string;
  status: "stable" | "beta";
  summary: string;
  /** One schema: validation + defaults + docs + type. */
  config: C;
  /** True for steps that must still see messages an earlier step marked failed (route). */
  handlesFailed?: boolean;
  /**
   * True for processors without I/O whose run time is bounded on their own (in-process CPU work;
   * user expressions go through the sandbox's own time limit): the runner arms no timeout timer.
   */
  bounded?: boolean;
  create(config: z.output<C>, deps: EngineDeps): Kinds[K];
};

export const defineComponent = <K extends TKind, C extends z.ZodType>(spec: ComponentSpec<K, C>) => spec;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous list; each spec is checked by defineComponent
export type AnyComponentSpec = ComponentSpec<TKind, any>;
