import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The shape every bench writes to bench/results/<name>.json (bench/run.ts checks it). */
export const ZBenchResult = z.object({
  name: z.string().min(1),
  date: z.string().datetime(),
  figures: z.record(z.string(), z.unknown()),
  headline: z.object({
    metric: z.string().min(1),
    value: z.number(),
    unit: z.string().min(1),
    baseline: z.number().nullable(),
    ratio: z.number().nullable(),
  }),
});
export type TBenchResult = z.infer<typeof ZBenchResult>;

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results");

export function writeBenchResult(result: Omit<TBenchResult, "date">): string {
  const full: TBenchResult = ZBenchResult.parse({ ...result, date: new Date().toISOString() });
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  return file;
}
