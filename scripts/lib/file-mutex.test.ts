import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withFileMutex } from "./file-mutex";

const tmpFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), "sb-mutex-")), "pg.lock");

describe("withFileMutex", () => {
  it("runs callers one at a time and removes the lock afterwards", async () => {
    const file = tmpFile();
    const order: string[] = [];
    const job = (name: string) =>
      withFileMutex(file, async () => {
        order.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, 30));
        order.push(`${name}:out`);
      });
    await Promise.all([job("a"), job("b")]);
    expect(order).toEqual(["a:in", "a:out", "b:in", "b:out"]);
    expect(existsSync(file)).toBe(false);
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const file = tmpFile();
    writeFileSync(file, "2147483646"); // no such pid
    await expect(withFileMutex(file, async () => "ran", { timeoutMs: 1_000 })).resolves.toBe("ran");
  });

  it("waits for a live holder and then times out with advice", async () => {
    const file = tmpFile();
    writeFileSync(file, String(process.pid));
    await expect(withFileMutex(file, async () => "ran", { timeoutMs: 200 })).rejects.toThrow(
      /held by pid .*delete that file/,
    );
  });

  it("releases the lock when the callback throws", async () => {
    const file = tmpFile();
    await expect(withFileMutex(file, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(file)).toBe(false);
  });
});
