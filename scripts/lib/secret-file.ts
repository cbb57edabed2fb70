import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Reads a secret kept in a mode-600 file, creating it on first use; `created` says which happened. */
export function readOrCreateSecret(file: string, bytes = 32): { value: string; created: boolean } {
  try {
    const value = readFileSync(file, "utf8").trim();
    if (value) return { value, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const value = randomBytes(bytes).toString("base64url");
  // wx: two launchers racing on the first start must not overwrite each other's secret.
  try {
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return { value: readFileSync(file, "utf8").trim(), created: false };
    throw error;
  }
  chmodSync(file, 0o600);
  return { value, created: true };
}
