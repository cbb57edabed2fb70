import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "./process-alive";

const guard = path.join(path.dirname(fileURLToPath(import.meta.url)), "orphan-guard.cjs");

describe("orphan guard", () => {
  it("stops a supervised process once its launcher is killed outright, and not before", async () => {
    // A stand-in launcher starts a long-running child with the guard preloaded, prints its pid, and is then SIGKILLed.
    const launcherCode = `
      const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
        detached: true, stdio: "ignore",
        env: { ...process.env, SWITCHBOARD_LAUNCHER_PID: String(process.pid), SWITCHBOARD_ORPHAN_CHECK_MS: "100", NODE_OPTIONS: "--require " + ${JSON.stringify(JSON.stringify(guard))} },
      });
      console.log(c.pid);
      setInterval(() => {}, 1000);`;
    const launcher = spawn(process.execPath, ["-e", launcherCode], { stdio: ["ignore", "pipe", "inherit"] });
    const child = await new Promise<number>((resolve) =>
      launcher.stdout.once("data", (d: Buffer) => resolve(Number(String(d).trim()))),
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(isProcessAlive(child)).toBe(true); // the launcher lives: the child keeps running
    launcher.kill("SIGKILL");
    const deadline = Date.now() + 5_000;
    while (isProcessAlive(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const alive = isProcessAlive(child);
    if (alive) process.kill(child, "SIGKILL");
    expect(alive).toBe(false);
  });
});
