import { describe, expect, it } from "vitest";
import { isProcessAlive } from "./process-alive";
import { Supervisor } from "./supervisor";

const node = (code: string) => [process.execPath, "-e", code];

describe("Supervisor", () => {
  it("reports a child that dies on its own, with its exit code", async () => {
    const died = new Promise<[string, number]>((resolve) => {
      const sup = new Supervisor({
        cwd: process.cwd(),
        env: process.env,
        onUnexpectedExit: (name, code) => resolve([name, code]),
      });
      sup.start({ name: "engine", cmd: node("process.exit(3)") });
    });
    await expect(died).resolves.toEqual(["engine", 3]);
  });

  it("stops children in start order, including what they forked, without reporting them as crashes", async () => {
    const crashes: string[] = [];
    const sup = new Supervisor({
      cwd: process.cwd(),
      env: process.env,
      onUnexpectedExit: (name) => crashes.push(name),
    });
    // The grandchild ignores nothing special; it only dies because the whole group is signalled.
    const forker = `const c=require("child_process").spawn(process.execPath,["-e","setInterval(()=>{},1e3)"],{stdio:"ignore"});console.log(c.pid);setInterval(()=>{},1e3)`;
    let grandchild = 0;
    const out = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      const m = /\|\s(\d+)\n$/.exec(String(chunk));
      if (m) grandchild = Number(m[1]);
      return true;
    }) as typeof process.stdout.write;
    try {
      sup.start({ name: "web", cmd: node(forker) });
      sup.start({ name: "other", cmd: node("setInterval(()=>{},1e3)") });
      for (let i = 0; i < 100 && !grandchild; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.stdout.write = out;
    }
    expect(grandchild).toBeGreaterThan(0);
    await sup.stopAll(2_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(isProcessAlive(grandchild)).toBe(false);
    expect(crashes).toEqual([]);
  });

  it("runs a step to completion and returns its exit code", async () => {
    const sup = new Supervisor({ cwd: process.cwd(), env: process.env, onUnexpectedExit: () => {} });
    await expect(sup.runToCompletion({ name: "migrate", cmd: node("process.exit(0)") })).resolves.toBe(0);
    await expect(sup.runToCompletion({ name: "migrate", cmd: node("process.exit(7)") })).resolves.toBe(7);
  });

  it("starts nothing once stopping began", async () => {
    const sup = new Supervisor({ cwd: process.cwd(), env: process.env, onUnexpectedExit: () => {} });
    await sup.stopAll();
    await expect(sup.runToCompletion({ name: "seed", cmd: node("process.exit(0)") })).resolves.toBe(130);
  });
});
