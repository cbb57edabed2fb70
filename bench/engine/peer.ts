// bench/engine's request-response peer: Node-RED (its own process, stock nodes) and autocannon (its own
// process too, so the load generator takes no CPU from either side), with per-process CPU from /proc.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** CPU seconds of one process so far (Linux /proc; 0 elsewhere). */
export function pidCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

export type TNodeRed = { url: string; child: ChildProcess; stop: () => Promise<void> };

/** Starts bench/engine/node-red-peer.mjs with the flow's schema and mapping; resolves once it listens. */
export async function startNodeRed(root: string, schema: unknown, expression: string): Promise<TNodeRed> {
  const file = path.join(os.tmpdir(), `sb-bench-node-red-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ schema, expression }));
  const child = spawn(process.execPath, [path.join(root, "bench/engine/node-red-peer.mjs"), file], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Node-RED did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /ready (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`Node-RED exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/orders`,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export type TLoad = {
  reqPerSec: number;
  requests: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  seconds: number;
};

/** autocannon (its own process) POSTing `body` at `connections` concurrency for `seconds`. */
export function autocannon(
  root: string,
  url: string,
  body: string,
  opts: { connections: number; seconds: number },
): Promise<TLoad> {
  const bin = path.join(root, "node_modules/autocannon/autocannon.js");
  const args = [
    bin,
    "--json",
    "-c",
    String(opts.connections),
    "-d",
    String(opts.seconds),
    "-m",
    "POST",
    "-H",
    "content-type=application/json",
    "-b",
    body,
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const r = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        duration: number;
      };
      resolve({
        reqPerSec: r.requests.average,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        seconds: r.duration,
      });
    });
  });
}
