import type { Evaluator } from "@/lib/engine/core/contracts";
import { compileJsonata, type TCompiled } from "./jsonata-compiler";
import { JsonataPool, type TPoolOptions } from "./jsonata-pool";
import { NotCompilable } from "./jsonata-runtime";

export type TEvaluatorOptions = Partial<TPoolOptions> & { maxCachedExpressions?: number };

export type SandboxedEvaluator = Evaluator & {
  /** True when the expression runs on the compiled fast path (in-thread). */
  isCompiled(expression: string): boolean;
  close(): Promise<void>;
};

// Node can still abort the whole process on some single huge allocations in a worker despite
// resourceLimits; jsonata's sequence cap (which also bounds ranges) keeps expressions below that.
export const EVALUATOR_DEFAULTS: TPoolOptions = {
  size: 2,
  timeoutMs: 1_000,
  memoryMb: 64,
  maxDepth: 500,
  maxSequence: 1_000_000,
};

/**
 * Compiled closures for the common JSONata subset (pure, bounded by input size, so in-thread);
 * everything else, and any value the compiled path does not handle, goes to the worker pool.
 */
export function createEvaluator(opts: TEvaluatorOptions = {}): SandboxedEvaluator {
  const poolOpts = { ...EVALUATOR_DEFAULTS, ...opts };
  const maxCached = opts.maxCachedExpressions ?? 1_000;
  const cache = new Map<string, TCompiled | null>();
  let pool: JsonataPool | undefined;

  const compiled = (expression: string) => {
    if (cache.has(expression)) return cache.get(expression) ?? null;
    const fn = compileJsonata(expression);
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
    cache.set(expression, fn);
    return fn;
  };

  return {
    async evaluate(expression, input, bindings) {
      const fn = compiled(expression);
      if (fn) {
        try {
          return fn(input, bindings);
        } catch (error) {
          if (!(error instanceof NotCompilable)) throw error;
        }
      }
      pool ??= new JsonataPool(poolOpts);
      return pool.evaluate(expression, input, bindings);
    },
    isCompiled: (expression) => compiled(expression) !== null,
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}

let shared: SandboxedEvaluator | undefined;

/** The process-wide evaluator components use when EngineDeps has none. */
export function sharedEvaluator(): SandboxedEvaluator {
  shared ??= createEvaluator();
  return shared;
}
