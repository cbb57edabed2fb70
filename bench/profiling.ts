// bench/profiling: the profiler (lib/quality/profiling, the same code as `switchboard profile` and
// the engine's profile jobs) over a generated 1,000,000-row CSV of ten mixed columns, read from disk
// as a stream. Headline: rows/s per core, i.e. rows divided by the CPU seconds the process used
// (process.cpuUsage), so a busy shared machine does not count against it. Memory: RSS sampled at
// every 250,000 rows and the process's peak RSS; bounded means the 1M figure stays near the 250k one.
//   npx tsx bench/profiling.ts [--rows 1000000] [--keep]
// Writes bench/results/profiling.json. Needs no database.
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { profileInput } from "../lib/quality/profiling";
import { generateCsv } from "./profiling/generate";
import { writeBenchResult } from "./lib/result";

const args = process.argv.slice(2);
const rows = Number(args[args.indexOf("--rows") + 1]) || 1_000_000;
const keep = args.includes("--keep");
const TARGET_ROWS_PER_CORE_SEC = 50_000;
const CHUNK = 1 << 20;
const MB = 1024 * 1024;

const log = (s: string) => console.log(`[profiling] ${s}`);

/** Papaparse alone over the same file: what reading costs before any profiling. */
async function parseOnly(file: string): Promise<{ rows: number; cpuSec: number }> {
  const cpu0 = process.cpuUsage();
  let n = 0;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: CHUNK })) {
    n += Papa.parse<string[]>(chunk as string, { header: false, delimiter: "," }).data.length;
  }
  const d = process.cpuUsage(cpu0);
  return { rows: n - 1, cpuSec: (d.user + d.system) / 1e6 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-profiling-bench-"));
  const file = path.join(dir, "rows.csv");
  try {
    const g0 = performance.now();
    await generateCsv(file, rows);
    const generateMs = Math.round(performance.now() - g0);
    const bytes = statSync(file).size;
    log(`generated ${rows} rows (${Math.round(bytes / MB)} MB) in ${generateMs} ms`);
    const reading = await parseOnly(file);

    const rss: { rows: number; rssMb: number; heapMb: number }[] = [];
    let nextSample = Math.min(250_000, rows);
    const rss0 = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const profiler = await profileInput("csv", createReadStream(file, { highWaterMark: CHUNK }), {
      onProgress: (n) => {
        if (n < nextSample) return;
        const m = process.memoryUsage();
        rss.push({ rows: n, rssMb: Math.round(m.rss / MB), heapMb: Math.round(m.heapUsed / MB) });
        nextSample += 250_000;
      },
    });
    const report = profiler.report();
    const wallSec = (performance.now() - t0) / 1000;
    const d = process.cpuUsage(cpu0);
    const cpuSec = (d.user + d.system) / 1e6;
    const coresUsed = cpuSec / wallSec;
    const rowsPerSec = report.rows / wallSec;
    const perCore = Math.round(rowsPerSec / coresUsed);
    const peakRssMb = Math.round((process.resourceUsage().maxRSS * 1024) / MB);
    const first = rss[0];
    const last = rss[rss.length - 1];
    const amount = report.columns.find((c) => c.name === "amount");
    log(
      `profiled ${report.rows} rows in ${wallSec.toFixed(2)} s wall, ${cpuSec.toFixed(2)} s CPU: ${perCore} rows/s per core`,
    );
    log(`RSS ${rss.map((s) => `${s.rows / 1000}k: ${s.rssMb} MB`).join(", ")}; peak ${peakRssMb} MB`);
    const file_ = writeBenchResult({
      name: "profiling",
      figures: {
        rows: report.rows,
        columns: report.columns.length,
        fileMb: Math.round(bytes / MB),
        generateMs,
        wallSec: Math.round(wallSec * 100) / 100,
        cpuSec: Math.round(cpuSec * 100) / 100,
        coresUsed: Math.round(coresUsed * 100) / 100,
        rowsPerSecWall: Math.round(rowsPerSec),
        rowsPerSecPerCore: perCore,
        parseOnlyRowsPerCoreSec: Math.round(reading.rows / reading.cpuSec),
        memory: {
          rssAtStartMb: Math.round(rss0 / MB),
          samples: rss,
          peakRssMb,
          growthFirstToLastSampleMb: first && last ? last.rssMb - first.rssMb : null,
        },
        sanity: {
          distinctId: report.columns.find((c) => c.name === "id")?.distinct,
          distinctIdExact: report.columns.find((c) => c.name === "id")?.distinctExact,
          zipType: report.columns.find((c) => c.name === "zip")?.type,
          amountTypes: amount?.types,
          amountP50: amount?.quantiles?.p50,
          emailNulls: report.columns.find((c) => c.name === "email")?.nulls,
        },
        host: { cpus: os.cpus().length, loadAvg1m: Math.round(os.loadavg()[0] * 10) / 10, node: process.version },
        target: { rowsPerSecPerCore: TARGET_ROWS_PER_CORE_SEC },
        met: { rowsPerSecPerCore: perCore >= TARGET_ROWS_PER_CORE_SEC },
      },
      headline: {
        metric: "profiling throughput, 1M-row 10-column CSV",
        value: perCore,
        unit: "rows/s per core",
        baseline: TARGET_ROWS_PER_CORE_SEC,
        ratio: Math.round((perCore / TARGET_ROWS_PER_CORE_SEC) * 100) / 100,
      },
    });
    log(`written ${path.relative(process.cwd(), file_)}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${file}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
