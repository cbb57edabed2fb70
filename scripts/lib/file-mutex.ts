import { openSync, closeSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { isProcessAlive } from "./process-alive";

export type TMutexOptions = { timeoutMs?: number; pollMs?: number };

/**
 * Cross-process mutex on a file created with O_EXCL. A holder that died (its pid is gone)
 * leaves a stale file, which the next caller removes instead of waiting for the timeout.
 */
export async function withFileMutex<T>(file: string, fn: () => Promise<T>, opts: TMutexOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const pollMs = opts.pollMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (isMutexStale(file)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${file} (held by pid ${readHolder(file) ?? "?"}). If no launcher is running, delete that file.`,
      );
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}

function readHolder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isMutexStale(file: string): boolean {
  const pid = readHolder(file);
  if (pid !== null) return !isProcessAlive(pid);
  // Created but pid not written yet: only stale if it has stayed empty for a while.
  try {
    return Date.now() - statSync(file).mtimeMs > 5_000;
  } catch {
    return false;
  }
}
