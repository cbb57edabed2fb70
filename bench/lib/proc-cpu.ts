import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU seconds used so far by every local process whose command name is one of `names` (Linux /proc;
 * elsewhere empty). The broker and the database share this machine's cores with the engine, so a
 * phase's cost per message is only clear with theirs beside it.
 */
export function processCpuSeconds(names: string[]): Record<string, number> {
  const totals: Record<string, number> = {};
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return totals;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const name = names.find((n) => comm.startsWith(n));
    if (!name) continue;
    // Fields after the command: state is [0]; utime and stime are [11] and [12], in clock ticks (100/s).
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    totals[name] = (totals[name] ?? 0) + (Number(f[11]) + Number(f[12])) / 100;
  }
  return totals;
}

/** Milliseconds of CPU per message each named process used between two readings. */
export function cpuMsPerMessage(
  before: Record<string, number>,
  after: Record<string, number>,
  messages: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, s] of Object.entries(after))
    out[name] = Math.round(((s - (before[name] ?? 0)) * 1000 * 1000) / messages) / 1000;
  return out;
}
