import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TApiDiffReport } from "./api";

const BIN = path.resolve(__dirname, "../../../bin/switchboard.mjs");
const FIXTURES = path.resolve(__dirname, "../../apis/diff/fixtures");
type Run = { code: number; stdout: string; stderr: string };

/** The real CLI in a child process, without a database (DATABASE_URL is removed on purpose). */
function cli(args: string[]): Promise<Run> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: "/" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end("");
  });
}

// Each run is a tsx child process (seconds each, more on a loaded machine): the cases run concurrently.
describe.concurrent("switchboard api diff (child process, no database)", { timeout: 240_000 }, () => {
  let dir = "";
  const base = path.join(FIXTURES, "orders-v1.yaml");
  const refactored = path.join(FIXTURES, "orders-v1-refactored.json");
  let breaking = "";
  let warningOnly = "";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sb-api-diff-"));
    const yaml = await readFile(base, "utf8");
    breaking = path.join(dir, "breaking.yaml");
    // The request body no longer accepts undeclared properties: one breaking change.
    await writeFile(breaking, yaml.replace("    NewOrder:\n", "    NewOrder:\n      additionalProperties: false\n"));
    warningOnly = path.join(dir, "warning.yaml");
    // Removing an error status is a warning only.
    await writeFile(
      warningOnly,
      yaml.replace('        "409":\n          $ref: "#/components/responses/Problem"\n', ""),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("exits 0 with an empty JSON report when a refactor changes nothing", async () => {
    const run = await cli(["api", "diff", base, refactored, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      base,
      revision: refactored,
      summary: { breaking: 0, warning: 0, info: 0 },
      changes: [],
    });
  });

  it("exits 1 on a breaking change and reports id, severity, locations and fields in JSON", async () => {
    const run = await cli(["api", "diff", base, breaking, "--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as TApiDiffReport;
    expect(report.summary).toEqual({ breaking: 1, warning: 0, info: 0 });
    expect(report.changes).toEqual([
      {
        id: "request-body-additional-properties-tightened",
        severity: "breaking",
        message: expect.stringContaining("no longer allows undeclared properties"),
        operation: "POST /orders",
        base: { pointer: "/components/schemas/NewOrder", line: expect.any(Number) },
        revision: { pointer: "/components/schemas/NewOrder", line: expect.any(Number) },
        fields: [],
      },
    ]);
    const lines = (await readFile(breaking, "utf8")).split("\n");
    expect(lines[report.changes[0].revision!.line! - 1].trim()).toBe("NewOrder:");
  });

  it("prints one text line per change with severity, rule id and file:line", async () => {
    const run = await cli(["api", "diff", base, breaking]);
    expect(run.code).toBe(1);
    const [first, summary] = run.stdout.trim().split("\n");
    expect(first).toMatch(
      new RegExp(
        `^breaking +request-body-additional-properties-tightened  ${breaking.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+  .+`,
      ),
    );
    expect(summary).toBe("1 breaking, 0 warning, 0 info");
  });

  it("passes warnings by default and fails on them with --fail-on warning", async () => {
    const [lenient, strict] = await Promise.all([
      cli(["api", "diff", base, warningOnly]),
      cli(["api", "diff", base, warningOnly, "--fail-on", "warning"]),
    ]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain("response-non-success-status-removed");
    expect(strict.code).toBe(1);
  });

  it("exits 2 naming the file and the reason for an unreadable or invalid document", async () => {
    const invalid = path.join(dir, "invalid.yaml");
    await writeFile(
      invalid,
      'openapi: 3.0.3\ninfo:\n  title: Orders\n  version: "1"\npaths:\n  /orders:\n    get:\n      responses:\n        "200":\n          $ref: "./problem.yaml"\n',
    );
    const swagger = path.join(dir, "swagger.json");
    await writeFile(swagger, JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }));
    const [missing, run, old] = await Promise.all([
      cli(["api", "diff", path.join(dir, "nope.yaml"), base]),
      cli(["api", "diff", base, invalid]),
      cli(["api", "diff", swagger, base]),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`BASE ${path.join(dir, "nope.yaml")}: cannot read the file (ENOENT)`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`REVISION ${invalid} is not a valid OpenAPI 3 document`);
    expect(run.stderr).toContain(`${invalid}:10 /paths/~1orders/get/responses/200/$ref: External reference`);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain("Convert it to OpenAPI 3");
  });

  it("rejects an unknown --fail-on as a usage error (exit 2)", async () => {
    const run = await cli(["api", "diff", base, base, "--fail-on", "info"]);
    expect(run.code).toBe(2);
  });
});
