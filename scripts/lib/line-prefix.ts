import type { Readable, Writable } from "node:stream";

const COLORS = [36, 35, 33, 32, 34];

export function label(name: string, index: number, useColor: boolean, width = 6): string {
  const text = `${name.padEnd(width)}|`;
  return useColor ? `\x1b[${COLORS[index % COLORS.length]}m${text}\x1b[0m ` : `${text} `;
}

/** Copies `from` to `to` line by line, each line starting with `prefix`; a trailing partial line is flushed at end. */
export function pipeWithPrefix(from: Readable, to: Writable, prefix: string): void {
  let pending = "";
  from.setEncoding("utf8");
  from.on("data", (chunk: string) => {
    const parts = (pending + chunk).split(/\r?\n/);
    pending = parts.pop() ?? "";
    for (const line of parts) to.write(`${prefix}${line}\n`);
  });
  from.on("end", () => {
    if (pending) to.write(`${prefix}${pending}\n`);
    pending = "";
  });
}
