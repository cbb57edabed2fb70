import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createUser } from "@/lib/services/users";
import { useTestDatabase } from "@/test/db";

const url = useTestDatabase();
const BIN = path.resolve(__dirname, "../../bin/switchboard.mjs");

type Run = { code: number; stdout: string; stderr: string };

/** Runs the real CLI entry (bin → tsx → lib/cli/main.ts) as a child process, as a user would. */
function cli(args: string[], opts: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: url(), ...opts.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv, cwd: "/" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.stdin ?? "");
  });
}

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  await client.query(text);
  await client.end();
}

const create = [
  "users",
  "create",
  "--email",
  "Cli.User@Example.com",
  "--name",
  "Cli User",
  "--role",
  "integration_engineer",
];

describe("switchboard CLI (child process, real database)", () => {
  it("creates a user, audited as system:cli, with the password from stdin", async () => {
    const run = await cli([...create, "--json"], { stdin: "a-long-enough-password\n" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      email: "cli.user@example.com",
      role: "integration_engineer",
      isActive: true,
    });
  });

  it("refuses a duplicate email with exit 2 and a message naming email", async () => {
    const run = await cli([...create, "--password", "another-long-password"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/email/);
  });

  it("refuses a bad role with exit 2 and one line naming role", async () => {
    const run = await cli([
      "users",
      "create",
      "--email",
      "x@example.com",
      "--name",
      "X",
      "--role",
      "boss",
      "--password",
      "a-long-enough-password",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: Invalid input: role: Choose one of: admin/);
  });

  it("verifies the chain, then names the seq of a tampered row", async () => {
    const ok = await cli(["audit", "verify"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe("OK: 1 entries verified");

    await createUser(systemActor("test"), {
      email: "second@example.com",
      name: "Second",
      role: "viewer",
      password: "a-long-enough-password",
    });
    await sql(
      `UPDATE "AuditEntry" SET "actorEmail" = 'mallory@example.com' WHERE seq = (SELECT max(seq) FROM "AuditEntry")`,
    );
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    const { rows } = await client.query(`SELECT max(seq)::text AS seq FROM "AuditEntry"`);
    await client.end();

    const broken = await cli(["audit", "verify"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at entry #${rows[0].seq}:`);
    const json = await cli(["audit", "verify", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, brokenSeq: rows[0].seq, checked: 1 });
  }, 120_000);

  it("reports migration status with exit 0 when the database is up to date", async () => {
    const run = await cli(["db", "status"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/pending: 0/);
  });

  it("explains what to do when DATABASE_URL is missing", async () => {
    const run = await cli(["audit", "verify"], { env: { DATABASE_URL: undefined } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL is not set.*npm start/);
  });
});
