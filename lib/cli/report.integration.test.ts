import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { saveFlowVersion } from "@/lib/services/flows";
import { createInterface, createSystem } from "@/lib/services/inventory";
import { createCandidate } from "@/lib/services/prioritization/candidates";
import { createUser } from "@/lib/services/users";
import { useTestDatabase } from "@/test/db";

const url = useTestDatabase();
const BIN = path.resolve(__dirname, "../../bin/switchboard.mjs");
const DAY = 86_400_000;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
let dir = "";

type Run = { code: number; stdout: string; stderr: string };
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // From "/": the fonts must be found from the package, not the working directory.
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: url() }, cwd: "/" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sb-report-"));
  const admin = systemActor("test");
  await createUser(admin, {
    email: "exec@example.com",
    name: "Exec",
    role: "executive",
    password: "correct-horse-battery",
  });
  await createUser(admin, {
    email: "eng@example.com",
    name: "Eng",
    role: "integration_engineer",
    password: "correct-horse-battery",
  });
  const a = await createSystem(admin, { name: "ERP", type: "erp", hosting: "cloud", criticality: "high" });
  const b = await createSystem(admin, { name: "CRM", type: "crm", hosting: "cloud", criticality: "low" });
  const iface = await createInterface(admin, {
    name: "Orders",
    sourceSystemId: a.id,
    targetSystemId: b.id,
    mechanism: "api",
    payloadFormat: "json",
    frequency: "real_time",
    volumePerMonth: 600,
  });
  await createCandidate(admin, {
    name: "Order sync",
    effortFte: 1,
    interfaceIds: [iface.id],
    useInventoryInputs: false,
    volumePerMonth: 600,
    manualMinutesPerTxn: 12,
    minutesPerTxnAfter: 2,
    errorRatePct: 0,
    errorRateAfterPct: 0,
    costPerError: 0,
    loadedCostPerHour: 60,
    buildCost: 10_000,
    runCostPerYear: 0,
    discountRatePct: 8,
    years: 5,
  });
  const saved = await saveFlowVersion(
    admin,
    {
      spec: {
        name: "orders-sync",
        input: { use: "http", config: { path: "/orders" } },
        steps: [],
        outputs: [{ id: "crm", use: "http", config: { url: "http://127.0.0.1:4100/crm" } }],
      },
      interfaceId: iface.id,
    },
    "import",
  );
  const today = new Date(new Date().toISOString().slice(0, 10));
  await db().deployment.create({
    data: {
      flowId: saved.flowId,
      flowVersionId: saved.version.id,
      environmentId: "env_prod",
      contentHash: saved.version.contentHash,
      deployedBy: "test",
      deployedAt: new Date(today.getTime() - 40 * DAY),
    },
  });
  // 600 messages × 10 minutes saved ÷ 60 × $60 = $6,000 realized.
  await db().metricDay.create({
    data: { flowId: saved.flowId, environmentId: "env_prod", day: new Date(today.getTime() - 3 * DAY), countOk: 600 },
  });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Each run is a tsx child process (seconds each).
describe("switchboard report roi (child process, real database)", { timeout: 120_000 }, () => {
  it("writes a PDF whose text holds the portfolio figures", async () => {
    const out = path.join(dir, "roi.pdf");
    const r = await cli(["report", "roi", "--format", "pdf", "--out", out, "--as", "exec@example.com"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("$6,000 realized to date");
    const bytes = new Uint8Array(await readFile(out));
    expect(Buffer.from(bytes.slice(0, 5)).toString("latin1")).toBe("%PDF-");
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain("Portfolio ROI report");
    expect(text).toContain("Order sync");
    expect(text).toContain("$6,000");
    // Run-rate: 600 in the last 30 full days ÷ 30 × 365 × 10 ÷ 60 × 60; against 72,000 estimated.
    expect(text).toContain("$73,000");
    expect(text).toContain("101.4 % of estimate");
  });

  it("writes a PNG (rendered with the bundled font)", async () => {
    const out = path.join(dir, "roi.png");
    const r = await cli(["report", "roi", "--format", "png", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // IHDR width: the 1200-pixel-wide picture rendered at twice its size.
    expect(bytes.readUInt32BE(16)).toBe(2400);
  });

  it("refuses a bad format, an unknown user and a role without portfolio:read", async () => {
    const out = path.join(dir, "x");
    const bad = await cli(["report", "roi", "--format", "gif", "--out", out]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("Allowed choices are pdf, png");
    const unknown = await cli(["report", "roi", "--format", "pdf", "--out", out, "--as", "nobody@example.com"]);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([
      2,
      "error: --as nobody@example.com: no active user with that email.",
    ]);
    const engineer = await cli(["report", "roi", "--format", "pdf", "--out", out, "--as", "eng@example.com"]);
    expect(engineer.code).toBe(1);
    expect(engineer.stderr).toContain("needs portfolio:read");
  });
});
