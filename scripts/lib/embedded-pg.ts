import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { withFileMutex } from "./file-mutex";
import { localNativeDir, materializeLayout, resolveLayout, type TPgLayout } from "./pg-layout";
import { addHolder, readHolders, removeHolder, writeHolders, type THolder } from "./pg-holders";
import { isProcessAlive, processCommandLine } from "./process-alive";
import { pickPort } from "./free-port";
import { readOrCreateSecret } from "./secret-file";

export type TEmbeddedPg = {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  layout: TPgLayout;
  /** True when another launcher had already started this data directory's server. */
  attached: boolean;
  /** Lets go of the server; the last holder stops it (fast shutdown). Resolves with the holders still using it. Safe to call twice. */
  release(): Promise<THolder[]>;
  /** Synchronous last resort for process exit paths that cannot await. */
  releaseSync(): void;
};

export type TEmbeddedPgOptions = {
  stateDir: string;
  preferredPort: number;
  database: string;
  onLog?: (line: string) => void;
};

const SUPERUSER = "postgres";
// A minimal environment: the server must not pick up the caller's PG* variables or locale.
const PG_ENV = { PATH: "/usr/bin:/bin", LC_ALL: "C" } as unknown as NodeJS.ProcessEnv;

/** The server recorded in PGDATA/postmaster.pid, if it is still running. */
export function runningServer(dataDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isProcessAlive(pid)) return null;
  // After a reboot the pid may belong to something else.
  const cmd = processCommandLine(pid);
  if (cmd !== null && !cmd.includes("postgres")) return null;
  return { pid, port };
}

export async function startEmbeddedPostgres(opts: TEmbeddedPgOptions): Promise<TEmbeddedPg> {
  const log = opts.onLog ?? (() => {});
  const stateDir = path.resolve(opts.stateDir);
  mkdirSync(stateDir, { recursive: true });
  const layout = resolveLayout(stateDir);
  const password = readOrCreateSecret(path.join(stateDir, "pg-password"), 24).value;
  const holdersFile = path.join(stateDir, "pg-holders.json");
  const mutexFile = path.join(stateDir, "pg.lock");
  const me: THolder = { pid: process.pid, token: randomBytes(8).toString("hex") };

  const { pid, port, attached } = await withFileMutex(mutexFile, async () => {
    const running = runningServer(layout.dataDir);
    if (running) {
      writeHolders(holdersFile, addHolder(removeHolder(readHolders(holdersFile), "", isProcessAlive), me));
      return { ...running, attached: true };
    }
    materializeLayout(layout, localNativeDir().dir);
    if (layout.relocated) writeFileSync(path.join(stateDir, "pg-location"), `${layout.dataDir}\n`);
    if (!existsSync(path.join(layout.dataDir, "PG_VERSION"))) {
      log(`Initialising a new PostgreSQL data directory in ${layout.dataDir}`);
      initdb(layout, password);
    }
    const chosen = await pickPort(opts.preferredPort);
    const started = await startServer(layout, chosen, stateDir);
    await waitReady(chosen, password, started);
    writeHolders(holdersFile, [me]);
    return { pid: started.pid!, port: chosen, attached: false };
  });

  const url = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${opts.database}`;
  await ensureDatabase(port, password, opts.database);

  let released = false;
  const release = async (): Promise<THolder[]> => {
    if (released) return [];
    released = true;
    return withFileMutex(mutexFile, async () => {
      const rest = removeHolder(readHolders(holdersFile), me.token, isProcessAlive);
      writeHolders(holdersFile, rest);
      if (rest.length === 0) await stopServer(layout.dataDir);
      return rest;
    });
  };
  const releaseSync = () => {
    if (released) return;
    released = true;
    const rest = removeHolder(readHolders(holdersFile), me.token, isProcessAlive);
    writeHolders(holdersFile, rest);
    const server = runningServer(layout.dataDir);
    if (rest.length === 0 && server) process.kill(server.pid, "SIGINT");
  };
  return { url, port, pid, dataDir: layout.dataDir, layout, attached, release, releaseSync };
}

function binary(layout: TPgLayout, name: string): string {
  return path.join(layout.nativeDir, "bin", name);
}

function runAsOptions(layout: TPgLayout): { uid?: number; gid?: number } {
  return layout.runAs ? { uid: layout.runAs.uid, gid: layout.runAs.gid } : {};
}

function initdb(layout: TPgLayout, password: string): void {
  // The password file must be readable by the user initdb runs as; it sits next to PGDATA and is removed at once.
  const pwfile = path.join(path.dirname(layout.dataDir), `.pg-pw-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (layout.runAs) chownSync(pwfile, layout.runAs.uid, layout.runAs.gid);
  try {
    const result = spawnSync(
      binary(layout, "initdb"),
      [
        `--pgdata=${layout.dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-instructions",
      ],
      { ...runAsOptions(layout), encoding: "utf8", env: PG_ENV },
    );
    if (result.error || result.status !== 0) {
      throw new Error(`initdb failed: ${result.error?.message ?? ""}${result.stderr ?? ""}`.trim());
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

async function startServer(layout: TPgLayout, port: number, stateDir: string) {
  const logFile = path.join(stateDir, "pg.log");
  const fd = openSync(logFile, "a", 0o600);
  // Own process group (detached): Ctrl-C in the terminal reaches the launcher only, which stops
  // the web and engine first and the database last.
  const child = spawn(
    binary(layout, "postgres"),
    ["-D", layout.dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { ...runAsOptions(layout), detached: true, stdio: ["ignore", fd, fd], env: PG_ENV },
  );
  closeSync(fd);
  child.unref();
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", () => resolve());
    child.once("error", (error) => reject(new Error(`Could not run ${binary(layout, "postgres")}: ${error.message}`)));
  });
  return child;
}

async function waitReady(
  port: number,
  password: string,
  child: { exitCode: number | null; signalCode: string | null },
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `PostgreSQL exited during startup (code ${child.exitCode ?? child.signalCode}); see the log for details.`,
      );
    }
    const client = new pg.Client({
      host: "127.0.0.1",
      port,
      user: SUPERUSER,
      password,
      database: "postgres",
      connectionTimeoutMillis: 1_000,
    });
    try {
      await client.connect();
      await client.query("select 1");
      await client.end();
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`PostgreSQL did not accept connections on port ${port} within ${timeoutMs / 1000}s: ${lastError}`);
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: SUPERUSER, password, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database ${client.escapeIdentifier(database)}`);
      } catch (error) {
        // Two launchers creating it at once: the loser sees "already exists", which is fine.
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Fast shutdown (SIGINT): active transactions roll back, then a clean checkpoint. */
export async function stopServer(dataDir: string, timeoutMs = 20_000): Promise<void> {
  const server = runningServer(dataDir);
  if (!server) return;
  process.kill(server.pid, "SIGINT");
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(server.pid)) {
    if (Date.now() > deadline) {
      process.kill(server.pid, "SIGQUIT");
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
