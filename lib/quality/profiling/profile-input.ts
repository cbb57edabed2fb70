import { Profiler, type TProfilerOptions } from "./profiler";
import { readInput, type TInputFormat } from "./readers";

/** Profiles a CSV, JSON array or JSON-lines stream with bounded memory (the CLI and the bench). */
export async function profileInput(
  format: TInputFormat,
  chunks: AsyncIterable<string | Buffer>,
  options: Omit<TProfilerOptions, "mode"> & { onProgress?: (rows: number) => void } = {},
): Promise<Profiler> {
  const profiler = new Profiler({ ...options, mode: format === "csv" ? "text" : "json" });
  let declared = false;
  for await (const batch of readInput(format, chunks)) {
    if ("header" in batch) {
      if (!declared) profiler.declare(batch.header);
      declared = true;
      for (const row of batch.rows) profiler.addRow(row);
    } else for (const record of batch.records) profiler.add(record);
    options.onProgress?.(profiler.rows);
  }
  return profiler;
}

/** The format a file's name implies: .csv/.tsv, .jsonl/.ndjson, .json; null when it says nothing. */
export function formatFromName(file: string): TInputFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".tsv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".json")) return "json";
  return null;
}
