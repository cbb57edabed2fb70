import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { saveFlowVersion } from "@/lib/services/flows";
import { useTestDatabase } from "@/test/db";

const url = useTestDatabase();
const BIN = path.resolve(__dirname, "../../bin/switchboard.mjs");
type Run = { code: number; stdout: string; stderr: string };

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: url() }, cwd: "/" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end("");
  });
}

// Each run is a tsx child process (seconds each).
describe("switchboard catalog impact (child process, real database)", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const engineer: Actor = { id: null, email: "seed@example.com", name: "Seed", role: "integration_engineer" };
    const make = (name: string, endpoint: string) =>
      db().system.create({
        data: { name, type: "custom", hosting: "cloud", criticality: "medium", endpoints: [endpoint] },
        select: { id: true },
      });
    const erp = await make("CLI ERP", "http://erp.cli.test");
    const crm = await make("CLI CRM", "http://crm.cli.test");
    await make("cli-sync", "http://sync.cli.test");
    await db().interface.create({
      data: {
        name: "ERP to CRM",
        sourceSystemId: erp.id,
        targetSystemId: crm.id,
        mechanism: "api",
        payloadFormat: "json",
        frequency: "real_time",
      },
    });
    await saveFlowVersion(engineer, {
      spec: {
        name: "cli-sync",
        input: { use: "poll_http", config: { url: "http://crm.cli.test/changes" } },
        outputs: [{ id: "out", use: "queue", config: { queue: "cli-events" } }],
      },
    });
  });

  it("prints {entry, dependents} as JSON for pipelines, and a table by default", async () => {
    const json = await cli(["catalog", "impact", "CLI ERP", "--format", "json"]);
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      entry: expect.objectContaining({ name: "CLI ERP", kind: "system", lifecycle: "production" }),
      dependents: [
        { name: "CLI CRM", kind: "system", depth: 1, via: "CLI ERP" },
        { name: "cli-sync", kind: "flow", depth: 2, via: "CLI CRM" },
        { name: "cli-events", kind: "queue", depth: 3, via: "cli-sync" },
      ],
    });
    const table = await cli(["catalog", "impact", "CLI CRM"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^system CLI CRM \(production, tier 3\): 2 dependent\(s\)\nDEPTH +KIND +NAME +VIA\n1 +flow +cli-sync +CLI CRM\n/,
    );
  });

  it("exits 2 for an ambiguous or unknown name, and answers kind:name", async () => {
    const ambiguous = await cli(["catalog", "impact", "cli-sync", "--format", "json"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stdout).toBe("");
    expect(ambiguous.stderr).toContain("system:cli-sync or flow:cli-sync");
    const named = await cli(["catalog", "impact", "flow:cli-sync", "--format", "json"]);
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).dependents).toEqual([
      { name: "cli-events", kind: "queue", depth: 1, via: "cli-sync" },
    ]);
    const unknown = await cli(["catalog", "impact", "nothing"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No catalog entry is called");
  });
});
