import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { deployFlowVersion, saveFlowVersion } from "@/lib/services/flows";
import { setSecretReference, setVariable } from "@/lib/services/flows/environments";
import { createUser } from "@/lib/services/users";
import { useTestDatabase } from "@/test/db";

const url = useTestDatabase();
const BIN = path.resolve(__dirname, "../../bin/switchboard.mjs");
/** The engine's environment holds the secret's value; it must never reach a file or the CLI's output. */
const SECRET_VALUE = "s3cr3t-Value-123";
const ENGINEER = "pipeline@example.com";

type Run = { code: number; stdout: string; stderr: string };
const outputs: string[] = [];

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const full: Record<string, string | undefined> = {
      ...process.env,
      DATABASE_URL: url(),
      ERP_TOKEN_DEV: SECRET_VALUE,
      ERP_TOKEN_TEST: SECRET_VALUE,
      ...env,
    };
    for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
    const child = spawn(process.execPath, [BIN, ...args], { env: full as NodeJS.ProcessEnv, cwd: "/" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("exit", (code) => {
      outputs.push(stdout, stderr);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end("");
  });
}

const spec = (name: string, target: string) => ({
  name,
  description: `${name} to the ERP`,
  input: { use: "http", config: { path: `/${name}` } },
  steps: [{ id: "shape", use: "transform_jsonata", config: { expression: "{ 'id': orderId }" } }],
  outputs: [
    {
      id: "erp",
      use: "http",
      config: { url: target, headers: { Authorization: "Bearer ${secrets.ERP_TOKEN}" } },
    },
  ],
});

let dir = "";
const counts = async () => ({
  versions: await db().flowVersion.count(),
  deployments: await db().deployment.count(),
  audit: await db().auditEntry.count(),
  changes: await db().changeRequest.count(),
});

async function filesIn(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(root, { recursive: true, withFileTypes: true }))
    if (e.isFile())
      out[path.relative(root, path.join(e.parentPath, e.name))] = await readFile(
        path.join(e.parentPath, e.name),
        "utf8",
      );
  return out;
}

// Each CLI run is a child process through tsx (seconds each); a test runs up to five of them.
describe("switchboard config (child process, real database)", { timeout: 150_000 }, () => {
  beforeAll(async () => {
    const admin = systemActor("test");
    await createUser(admin, {
      email: ENGINEER,
      name: "Pipeline",
      role: "integration_engineer",
      password: "a-long-enough-password",
    });
    const engineer: Actor = { id: null, email: "seed@example.com", name: "Seed", role: "integration_engineer" };
    for (const [name, target] of [
      ["orders", "https://erp.example/orders"],
      ["invoices", "https://erp.example/invoices"],
    ]) {
      const saved = await saveFlowVersion(engineer, { spec: spec(name, target) }, "create");
      await deployFlowVersion(engineer, { flowVersionId: saved.version.id, environmentId: "env_dev" });
    }
    await setVariable(engineer, { environmentKey: "dev", name: "ERP_REGION", value: "eu-1" });
    await setSecretReference(engineer, { environmentKey: "dev", name: "ERP_TOKEN", reference: "ERP_TOKEN_DEV" });
    dir = await mkdtemp(path.join(tmpdir(), "sb-config-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    // No output of any run and no exported file carries the secret's value.
    for (const o of outputs) expect(o).not.toContain(SECRET_VALUE);
  });

  it("exports dev as one YAML file per flow and environment.yaml with the secret as a reference", async () => {
    const run = await cli(["config", "export", dir, "--env", "dev"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const files = await filesIn(dir);
    expect(Object.keys(files).sort()).toEqual(["environment.yaml", "flows/invoices.yaml", "flows/orders.yaml"]);
    expect(files["flows/orders.yaml"]).toMatch(
      /^# kind: flow\n# version: 1\n# hash: sha256:[0-9a-f]{64}\nname: orders\n/,
    );
    expect(files["flows/orders.yaml"]).toContain("Authorization: Bearer ${secrets.ERP_TOKEN}");
    expect(files["environment.yaml"]).toContain("ERP_REGION: eu-1");
    expect(files["environment.yaml"]).toMatch(/ERP_TOKEN:\n\s+provider: env\n\s+reference: ERP_TOKEN_DEV/);
    for (const content of Object.values(files)) expect(content).not.toContain(SECRET_VALUE);
  });

  it("needs a user to apply as", async () => {
    const run = await cli(["config", "apply", dir, "--env", "test"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pass --as EMAIL/);
  });

  it("dry-runs an apply to test: reports, writes nothing", async () => {
    const before = await counts();
    const run = await cli(["config", "apply", dir, "--env", "test", "--dry-run", "--as", ENGINEER]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Dry run (nothing written): would be 2 created, 0 updated, 0 unchanged in test.");
    expect(run.stdout).toMatch(/skipped\s+environment\.yaml: it describes dev, not test/);
    expect(await counts()).toEqual(before);
  });

  it("applies to test, then diff reports no drift and a second apply changes nothing", async () => {
    const run = await cli(["config", "apply", dir, "--env", "test"], { SWITCHBOARD_USER: ENGINEER });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 created, 0 updated, 0 unchanged in test.");
    const test = await db().deployment.findMany({ where: { environmentId: "env_test", activeSlot: { not: null } } });
    expect(test).toHaveLength(2);
    expect(test.every((d) => d.deployedBy === ENGINEER)).toBe(true);

    const diff = await cli(["config", "diff", dir, "--env", "test"]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("No changes in test: 0 created, 0 updated, 2 unchanged");
    const again = await cli(["config", "apply", dir, "--env", "test", "--as", ENGINEER]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 created, 0 updated, 2 unchanged in test.");
  });

  it("shows a changed field and exits 3", async () => {
    const changed = await mkdtemp(path.join(tmpdir(), "sb-config-changed-"));
    await cli(["config", "export", changed, "--env", "test"]);
    const file = path.join(changed, "flows/orders.yaml");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("https://erp.example/orders", "https://erp2.example/orders"),
    );
    const diff = await cli(["config", "diff", changed, "--env", "test"]);
    expect(diff.code).toBe(3);
    expect(diff.stdout).toMatch(/update\s+flow orders \(runs v1\)/);
    expect(diff.stdout).toContain(
      '~ spec.outputs.0.config.url: "https://erp.example/orders" → "https://erp2.example/orders"',
    );
    expect(diff.stdout).toContain("Would change in test: 0 created, 1 updated, 1 unchanged");

    // A version test never ran cannot be asked of the CAB for production.
    const before = await counts();
    const prod = await cli(["config", "apply", changed, "--env", "prod", "--as", ENGINEER]);
    expect(prod.code).toBe(2);
    expect(prod.stderr).toMatch(/^error: orders v2 must reach Test \(test\) before Production \(prod\)/);
    expect(await counts()).toEqual(before);
    await rm(changed, { recursive: true, force: true });
  });

  it("refuses a bad file with one line naming file and field, and writes nothing", async () => {
    const bad = await mkdtemp(path.join(tmpdir(), "sb-config-bad-"));
    await cli(["config", "export", bad, "--env", "test"]);
    const invoices = path.join(bad, "flows/invoices.yaml");
    // invoices sorts first and is valid but changed: it must not be half-applied when orders is bad.
    await writeFile(
      invoices,
      (await readFile(invoices, "utf8")).replace("erp.example/invoices", "erp3.example/invoices"),
    );
    const orders = path.join(bad, "flows/orders.yaml");
    await writeFile(orders, (await readFile(orders, "utf8")).replace("https://erp.example/orders", "not a url"));
    const before = await counts();
    const run = await cli(["config", "apply", bad, "--env", "test", "--as", ENGINEER]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([
      "error: flows/orders.yaml: spec.outputs.0.config.url: must be an http(s) URL",
    ]);
    expect(await counts()).toEqual(before);

    // A literal secret is a bad file too.
    await writeFile(
      orders,
      (await readFile(orders, "utf8"))
        .replace("not a url", "https://erp.example/orders")
        .replace("Bearer ${secrets.ERP_TOKEN}", `Bearer ${"literal-token"}`),
    );
    const secret = await cli(["config", "diff", bad, "--env", "test"]);
    expect(secret.code).toBe(2);
    expect(secret.stderr).toMatch(
      /^error: flows\/orders\.yaml: spec\.outputs\.0\.config\.headers\.Authorization: a secret-bearing field must be a \$\{secrets\.NAME\} reference/,
    );
    await rm(bad, { recursive: true, force: true });
  });

  it("applies environment.yaml only to its own environment", async () => {
    const envDir = await mkdtemp(path.join(tmpdir(), "sb-config-env-"));
    await cli(["config", "export", envDir, "--env", "test"]);
    await writeFile(
      path.join(envDir, "environment.yaml"),
      "environment: test\nvariables:\n  ERP_REGION: eu-2\nsecrets:\n  ERP_TOKEN:\n    provider: env\n    reference: ERP_TOKEN_TEST\n",
    );
    const diff = await cli(["config", "diff", envDir, "--env", "test"]);
    expect(diff.code).toBe(3);
    expect(diff.stdout).toContain("create    variable ERP_REGION: eu-2");
    expect(diff.stdout).toContain("create    secret reference ERP_TOKEN: env:ERP_TOKEN_TEST");
    const run = await cli(["config", "apply", envDir, "--env", "test", "--as", ENGINEER]);
    expect(run.code).toBe(0);
    expect(await db().secretReference.findMany({ where: { environmentId: "env_test" } })).toMatchObject([
      { name: "ERP_TOKEN", provider: "env", reference: "ERP_TOKEN_TEST" },
    ]);
    expect((await cli(["config", "diff", envDir, "--env", "test"])).code).toBe(0);
    await rm(envDir, { recursive: true, force: true });
  });

  it("applies to prod by opening a change request, deploying nothing", async () => {
    const before = await counts();
    const dry = await cli(["config", "apply", dir, "--env", "prod", "--as", ENGINEER, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Would open a change request for (orders v1, invoices v1|invoices v1, orders v1)\./);
    expect(await counts()).toEqual(before);

    const run = await cli([
      "config",
      "apply",
      dir,
      "--env",
      "prod",
      "--as",
      ENGINEER,
      "--window-hours",
      "2",
      "--title",
      "Orders and invoices to prod",
    ]);
    // Only errors matter here: pg may warn about queries the risk assessment runs in parallel on one transaction.
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    const match = /Opened change request CHG-(\d+) \(id (\w+)\) awaiting CAB approval/.exec(run.stdout);
    expect(match).not.toBeNull();
    const change = await db().changeRequest.findUniqueOrThrow({ where: { id: match![2] }, include: { items: true } });
    expect(change).toMatchObject({
      number: Number(match![1]),
      status: "submitted",
      source: "cli",
      type: "normal",
      title: "Orders and invoices to prod",
      requestedByEmail: ENGINEER,
    });
    expect(change.windowEnd.getTime() - change.windowStart.getTime()).toBe(2 * 3_600_000);
    expect(change.items.map((i) => i.itemKey).sort()).toEqual(["invoices", "orders"]);
    const versions = await db().flowVersion.findMany({ where: { id: { in: change.items.map((i) => i.versionId) } } });
    expect(change.items.every((i) => versions.find((v) => v.id === i.versionId)?.contentHash === i.contentHash)).toBe(
      true,
    );
    const after = await counts();
    expect(after.deployments).toBe(before.deployments);
    expect(after.versions).toBe(before.versions);
    expect(after.changes).toBe(before.changes + 1);
    expect(await db().deployment.count({ where: { environmentId: "env_prod" } })).toBe(0);
  });
});
