import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import type { Message } from "@/lib/engine/core/message";

export const ZProfileConfig = z
  .object({
    records: z
      .string()
      .trim()
      .regex(/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/, "a dotted path to the array of records, e.g. orders")
      .optional()
      .describe("Dotted path to an array of records in the body. Default: the body, or each element of an array body."),
    maxColumns: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(200)
      .describe("Fields profiled at most (nested paths count)."),
    exactDistinct: z
      .number()
      .int()
      .min(16)
      .max(100_000)
      .default(1_024)
      .describe("Distinct values counted exactly per field before HyperLogLog takes over."),
  })
  .strict();
export type TProfileConfig = z.output<typeof ZProfileConfig>;

function recordsOf(config: TProfileConfig, body: unknown): Record<string, unknown>[] {
  let at: unknown = body;
  if (config.records)
    for (const name of config.records.split("."))
      at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[name] : undefined;
  const list = Array.isArray(at) ? at : at === undefined ? [] : [at];
  // Only objects are records; a scalar body has no fields to profile.
  return list.filter((r): r is Record<string, unknown> => r !== null && typeof r === "object" && !Array.isArray(r));
}

export const profileProcessor = defineComponent({
  kind: "processor",
  name: "profile",
  status: "beta",
  summary:
    "Profiles the records passing through (nulls, distincts, formats, patterns, type drift, quantiles) into per-minute sketches for the data-profiling portal; messages pass on unchanged.",
  config: ZProfileConfig,
  create: (config, deps) => {
    const sink = deps.profiling;
    const stepId = deps.stepId ?? "profile";
    const options = { maxColumns: config.maxColumns, exactDistinct: config.exactDistinct };
    return {
      async process(msg: Message): Promise<Message[]> {
        // Profiling never fails a message: it observes the traffic, it does not judge it.
        if (sink) sink.add(stepId, recordsOf(config, msg.body), options);
        return [msg];
      },
    };
  },
});
