import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TPlanLimits } from "@/lib/apis/limits-types";
import type { TWorkerConfig, TWorkerReply } from "./limit-worker";

type TDone = Extract<TWorkerReply, { type: "done" }>;

export type TLimitWorker = {
  pid: number;
  /** The worker's Date.now() when it started (skewed if asked). */
  localNow: number;
  fire(input: {
    consumerKey: string;
    plan: TPlanLimits;
    requests: number;
    concurrency: number;
    durationMs?: number;
  }): Promise<TDone>;
  stop(): Promise<void>;
};

const SCRIPT = path.join(import.meta.dirname, "limit-worker.ts");

/** Starts one limit worker process (its own store instance) and waits until it is ready. */
export async function startLimitWorker(config: TWorkerConfig, env: Record<string, string> = {}): Promise<TLimitWorker> {
  const child: ChildProcess = fork(SCRIPT, [JSON.stringify(config)], {
    execArgv: ["--import", "tsx"],
    // eslint-disable-next-line no-restricted-properties -- passed through to the child, not read as config
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () =>
    new Promise<TWorkerReply>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`limit worker exited (${code})`));
      child.once("exit", onExit);
      child.once("message", (m: TWorkerReply) => {
        child.off("exit", onExit);
        resolve(m);
      });
    });
  const ready = await next();
  if (ready.type !== "ready") throw new Error(`limit worker did not start: ${JSON.stringify(ready)}`);
  return {
    pid: ready.pid,
    localNow: ready.localNow,
    async fire(input) {
      const reply = next();
      child.send({ type: "fire", ...input });
      const m = await reply;
      if (m.type !== "done") throw new Error(`limit worker failed: ${JSON.stringify(m)}`);
      return m;
    },
    async stop() {
      if (child.exitCode != null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
