import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

/** A launcher (or test) using the embedded server. The last one to let go stops it. */
export type THolder = { pid: number; token: string };

export function addHolder(holders: THolder[], me: THolder): THolder[] {
  return [...holders.filter((h) => h.token !== me.token), me];
}

/** Drops `token` and every holder whose process has died (killed with -9, crashed, rebooted). */
export function removeHolder(holders: THolder[], token: string, isAlive: (pid: number) => boolean): THolder[] {
  return holders.filter((h) => h.token !== token && isAlive(h.pid));
}

export function readHolders(file: string): THolder[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (h): h is THolder =>
        typeof h === "object" &&
        h !== null &&
        Number.isInteger((h as THolder).pid) &&
        typeof (h as THolder).token === "string",
    );
  } catch {
    return []; // missing or half-written: treat as nobody
  }
}

export function writeHolders(file: string, holders: THolder[]): void {
  if (holders.length === 0) {
    rmSync(file, { force: true });
    return;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(holders), { mode: 0o600 });
  renameSync(tmp, file);
}
