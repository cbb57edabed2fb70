import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";

export type TOsUser = { name: string; uid: number; gid: number; groups: number[] };
export type TPathStat = { path: string; mode: number; uid: number; gid: number };
export type TReach = { ok: true } | { ok: false; blockedAt: string };

/** Whether `user` may search (x) a directory with this owner/mode, using the same owner → group → other order as the kernel. */
export function canSearch(user: TOsUser, s: TPathStat): boolean {
  if (user.uid === 0) return true;
  if (s.uid === user.uid) return (s.mode & 0o100) !== 0;
  if (user.gid === s.gid || user.groups.includes(s.gid)) return (s.mode & 0o010) !== 0;
  return (s.mode & 0o001) !== 0;
}

/** Every directory from `/` down to `target` must be searchable, or opening anything below it fails with EACCES. */
export function firstBlocked(user: TOsUser, chain: TPathStat[]): TReach {
  for (const s of chain) if (!canSearch(user, s)) return { ok: false, blockedAt: s.path };
  return { ok: true };
}

/** `/`, `/a`, `/a/b`, … for an absolute path, stopping at the deepest one that exists. */
export function statChain(target: string): TPathStat[] {
  const abs = path.resolve(target);
  const parts = abs.split(path.sep).filter(Boolean);
  const out: TPathStat[] = [];
  let current: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    try {
      const st = statSync(current);
      out.push({ path: current, mode: st.mode, uid: st.uid, gid: st.gid });
    } catch {
      break;
    }
    if (i < parts.length) current = path.join(current, parts[i]);
  }
  return out;
}

export function pathReachableBy(user: TOsUser, target: string): TReach {
  return firstBlocked(user, statChain(target));
}

/** The OS user, or null when it does not exist. */
export function lookupOsUser(name: string): TOsUser | null {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
    const groups = execFileSync("id", ["-G", name], { encoding: "utf8" }).trim().split(/\s+/).map(Number);
    return { name, uid, gid, groups };
  } catch {
    return null;
  }
}
