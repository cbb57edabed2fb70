import { spawn, type ChildProcess } from "node:child_process";
import { label, pipeWithPrefix } from "./line-prefix";

export type TProcSpec = { name: string; cmd: string[] };
export type TChildEnv = Record<string, string | undefined>;

type Running = { spec: TProcSpec; child: ChildProcess; exited: Promise<number> };

/**
 * Runs child processes, each in its own process group with its output prefixed by its name.
 * Stopping sends SIGTERM to each group in start order and escalates to SIGKILL after a grace period,
 * so `next start` and whatever it forked go away too.
 */
export class Supervisor {
  private running: Running[] = [];
  private stopping = false;
  private index = 0;
  private readonly color = Boolean(process.stdout.isTTY);

  constructor(
    private readonly opts: { cwd: string; env: TChildEnv; onUnexpectedExit: (name: string, code: number) => void },
  ) {}

  /** A long-running process; if it ends on its own, onUnexpectedExit is called. */
  start(spec: TProcSpec): void {
    if (this.stopping) return; // a Ctrl-C during the steps must not start the web afterwards
    const run = this.spawn(spec);
    run.exited.then((code) => {
      if (!this.stopping) this.opts.onUnexpectedExit(spec.name, code);
    });
  }

  /** A step that must finish before the next one (migrate, seed, build); resolves with its exit code. */
  async runToCompletion(spec: TProcSpec): Promise<number> {
    if (this.stopping) return 130;
    const run = this.spawn(spec);
    const code = await run.exited;
    this.running = this.running.filter((r) => r !== run);
    return code;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const run of [...this.running]) {
      if (run.child.exitCode !== null || run.child.signalCode !== null) continue;
      signalGroup(run.child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(run.child, "SIGKILL"), graceMs);
      await run.exited;
      clearTimeout(timer);
      // The leader is gone; stragglers it forked (e.g. next's workers) must not outlive it.
      signalGroup(run.child, "SIGKILL");
    }
    this.running = [];
  }

  /** For process.on("exit"), which cannot wait. */
  killAllSync(): void {
    for (const run of this.running) signalGroup(run.child, "SIGKILL");
  }

  private spawn(spec: TProcSpec): Running {
    const [cmd, ...args] = spec.cmd;
    const child = spawn(cmd, args, {
      cwd: this.opts.cwd,
      env: this.opts.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const prefix = label(spec.name, this.index++, this.color);
    pipeWithPrefix(child.stdout!, process.stdout, prefix);
    pipeWithPrefix(child.stderr!, process.stderr, prefix);
    const exited = new Promise<number>((resolve) => {
      child.once("error", (error) => {
        process.stderr.write(`${prefix}could not start ${cmd}: ${error.message}\n`);
        resolve(127);
      });
      child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
    });
    const run = { spec, child, exited };
    this.running.push(run);
    return run;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 0;
}
