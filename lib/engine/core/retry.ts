import type { TRetryPolicy } from "@/lib/validation/flow-spec";
import { classifyError, errorMessage, TransientError, type TErrorClass } from "./errors";

export type TAttempt = { at: string; error: string; durationMs: number };

export type TAttemptsResult<T> =
  | { ok: true; value: T; attempts: TAttempt[] }
  | { ok: false; error: unknown; errorClass: TErrorClass; attempts: TAttempt[] };

export type TRetryEnv = {
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, s?: AbortSignal) => Promise<void>;
};

/** Exponential backoff with FULL jitter and a cap: uniform in [0, min(cap, initial·multiplier^(n-1))). */
export function backoffDelay(policy: TRetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * policy.multiplier ** Math.max(0, failedAttempt - 1),
  );
  return Math.floor(random() * ceiling);
}

export function abortableSleep(ms: number, s?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s?.aborted) return reject(s.reason);
    const timer = setTimeout(() => {
      s?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(s?.reason);
    };
    s?.addEventListener("abort", onAbort, { once: true });
  });
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * Races `fn` against a timer; rejects with a TransientError on timeout. `fn` gets the caller's
 * signal (not a per-attempt one: an AbortController per step per message was a measurable cost);
 * components with their own I/O deadline (http timeoutMs) enforce it themselves. 0 = no timer.
 */
export async function withTimeout<T>(
  fn: (s: AbortSignal) => Promise<T>,
  timeoutMs: number,
  parent?: AbortSignal,
): Promise<T> {
  if (timeoutMs <= 0) return fn(parent ?? NEVER_ABORTED);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransientError(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([fn(parent ?? NEVER_ABORTED), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `fn` up to policy.maxAttempts times. Permanent errors stop at once; transient ones wait a
 * jittered backoff. Returns the attempt history either way so a dead letter can carry it.
 */
export async function runWithRetry<T>(
  fn: (s: AbortSignal) => Promise<T>,
  opts: {
    policy: TRetryPolicy;
    timeoutMs: number;
    signal?: AbortSignal;
    env?: TRetryEnv;
    /** The caller already made attempt 1 itself (a cheap direct call) and it failed with this. */
    failedFirst?: { error: unknown; startedAt: number };
  },
): Promise<TAttemptsResult<T>> {
  const now = opts.env?.now ?? Date.now;
  const sleep = opts.env?.sleep ?? abortableSleep;
  const attempts: TAttempt[] = [];
  for (let n = 1; ; n++) {
    const seeded = n === 1 ? opts.failedFirst : undefined;
    const started = seeded ? seeded.startedAt : now();
    try {
      if (seeded) throw seeded.error;
      const value = await withTimeout(fn, opts.timeoutMs, opts.signal);
      return { ok: true, value, attempts };
    } catch (error) {
      attempts.push({ at: new Date(started).toISOString(), error: errorMessage(error), durationMs: now() - started });
      const errorClass = classifyError(error);
      if (opts.signal?.aborted || errorClass === "permanent" || n >= opts.policy.maxAttempts) {
        return { ok: false, error, errorClass, attempts };
      }
      await sleep(backoffDelay(opts.policy, n, opts.env?.random), opts.signal);
    }
  }
}
