import { z } from "zod";
import YAML from "yaml";

// The flow spec: what the portal edits, the CLI tests and the engine runs. Component configs stay
// `unknown` here; the engine registry validates them (see validateFlowComponents in lib/engine/core).

const STEP_ID = /^[a-z][a-z0-9_-]{0,62}$/;
const COMPONENT_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export const ZRetryPolicy = z
  .object({
    maxAttempts: z.number().int().min(1).max(100).default(5).describe("Total attempts including the first."),
    initialDelayMs: z.number().int().min(0).max(3_600_000).default(200),
    maxDelayMs: z.number().int().min(0).max(86_400_000).default(30_000).describe("Cap on any single backoff delay."),
    multiplier: z.number().min(1).max(10).default(2),
  })
  .strict()
  .refine((r) => r.maxDelayMs >= r.initialDelayMs, {
    message: "maxDelayMs must be at least initialDelayMs",
    path: ["maxDelayMs"],
  });
export type TRetryPolicy = z.output<typeof ZRetryPolicy>;

export const ZCircuitBreakerPolicy = z
  .object({
    consecutiveFailures: z.number().int().min(1).max(1000).default(5),
    halfOpenAfterMs: z.number().int().min(100).max(3_600_000).default(10_000),
  })
  .strict();

export const LINEAGE_LEVELS = ["full", "sampled", "errors"] as const;
export type TLineageLevel = (typeof LINEAGE_LEVELS)[number];

/**
 * How much lineage the flow keeps. full: every run. sampled: every failed, dead-lettered or replayed
 * run plus `sampleRate` of the others. errors: only failed, dead-lettered or replayed runs. The minute
 * rollups (charts, catalog, retirement) count every run at every level.
 */
export const ZLineagePolicy = z
  .object({
    level: z.enum(LINEAGE_LEVELS).default("full"),
    sampleRate: z
      .number()
      .min(0, "use a fraction between 0 and 1, e.g. 0.01 for 1%")
      .max(1, "use a fraction between 0 and 1, e.g. 0.01 for 1%")
      .optional()
      .describe("Fraction of successful runs kept at level sampled (default 0.01)."),
  })
  .strict();
export type TLineagePolicy = z.output<typeof ZLineagePolicy>;

/** Level sampled keeps this fraction of successful runs when the policy names none. */
export const DEFAULT_SAMPLE_RATE = 0.01;

/** The flow's lineage level and the fraction of successful runs it keeps (1 at full, 0 at errors). */
export function lineageSettings(policy: { lineage?: TLineagePolicy }): { level: TLineageLevel; sampleRate: number } {
  const level = policy.lineage?.level ?? "full";
  const sampleRate =
    level === "full" ? 1 : level === "errors" ? 0 : (policy.lineage?.sampleRate ?? DEFAULT_SAMPLE_RATE);
  return { level, sampleRate };
}

export const ZFlowPolicy = z
  .object({
    retry: ZRetryPolicy.default({ maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 30_000, multiplier: 2 }),
    timeoutMs: z.number().int().min(1).max(600_000).default(10_000).describe("Per attempt of each step and output."),
    dlq: z.boolean().default(true).describe("Send messages that exhaust retries to the dead letter channel."),
    idempotencyKey: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe("JSONata path or expression over the body, e.g. orderId."),
    concurrency: z.number().int().min(1).max(256).default(4),
    circuitBreaker: ZCircuitBreakerPolicy.default({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 }),
    // Optional, not defaulted: a default would change the content hash of every version saved before it.
    lineage: ZLineagePolicy.optional().describe("How much lineage to keep; absent = full."),
  })
  .strict();
export type TFlowPolicy = z.output<typeof ZFlowPolicy>;

const ZComponentConfig = z.record(z.string(), z.unknown()).default({});
const ZRouteSelector = z
  .array(z.string().regex(STEP_ID))
  .min(1)
  .optional()
  .describe("Only messages a route step sent to one of these branches.");

export const ZFlowInput = z.object({ use: z.string().regex(COMPONENT_NAME), config: ZComponentConfig }).strict();

export const ZFlowStep = z
  .object({
    id: z.string().regex(STEP_ID, "use lower case letters, digits, - or _ (start with a letter)"),
    use: z.string().regex(COMPONENT_NAME),
    config: ZComponentConfig,
    when: ZRouteSelector,
    retry: ZRetryPolicy.optional().describe("Overrides policy.retry for this step."),
  })
  .strict();
export type TFlowStep = z.output<typeof ZFlowStep>;

export const ZFlowOutput = ZFlowStep.extend({});
export type TFlowOutput = z.output<typeof ZFlowOutput>;

export const ZFlowSpec = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).optional(),
    input: ZFlowInput,
    steps: z.array(ZFlowStep).max(100).default([]),
    outputs: z.array(ZFlowOutput).min(1).max(20),
    policy: ZFlowPolicy.default(ZFlowPolicy.parse({})),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    const all = [
      ...spec.steps.map((s, i) => ["steps", i, s.id] as const),
      ...spec.outputs.map((o, i) => ["outputs", i, o.id] as const),
    ];
    for (const [list, index, id] of all) {
      if (seen.has(id))
        ctx.addIssue({ code: "custom", path: [list, index, "id"], message: `id "${id}" is used twice` });
      seen.add(id);
    }
  });
export type TFlowSpec = z.output<typeof ZFlowSpec>;
export type TFlowSpecInput = z.input<typeof ZFlowSpec>;

export type TFlowFormat = "yaml" | "json";

/** Parses YAML or JSON text (format guessed from the first non-blank character when omitted). */
export function parseFlowDocument(text: string, format?: TFlowFormat): TFlowSpec {
  const fmt = format ?? (/^\s*[{[]/.test(text) ? "json" : "yaml");
  let raw: unknown;
  try {
    raw = fmt === "json" ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new Error(
      `Flow document is not valid ${fmt.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return ZFlowSpec.parse(raw);
}

export function serializeFlowDocument(spec: TFlowSpec, format: TFlowFormat): string {
  return format === "json" ? `${JSON.stringify(spec, null, 2)}\n` : YAML.stringify(spec);
}
