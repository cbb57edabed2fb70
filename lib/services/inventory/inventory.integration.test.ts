import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { listAuditEntries } from "@/lib/services/audit";
import { createUser } from "@/lib/services/users";
import { ZListQuery } from "@/lib/validation/list";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import {
  createInterface,
  createProcess,
  createSystem,
  deleteProcess,
  deleteSystem,
  getDependencyGraph,
  getProcessOrThrow,
  listInterfaces,
  listProcesses,
  listSystems,
  updateProcess,
} from "./index";
import { processLookupOption, searchProcesses } from "./lookups";
import { exportSheet, importSheet } from "../sheets";

const url = withTestDatabase();
const admin = systemActor("test");
const viewer: Actor = { id: null, email: "viewer@example.com", name: "V", role: "viewer" };
const facilitator: Actor = { id: null, email: "fac@example.com", name: "F", role: "facilitator" };
const q = (over: Record<string, unknown> = {}) => ZListQuery.parse(over);
const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\r\n") + "\r\n");

async function count(table: string, where = "true"): Promise<number> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`);
  await client.end();
  return rows[0].n;
}

describe("inventory services", () => {
  it("creates, lists, filters, updates and deletes with permissions and audit", async () => {
    const sap = await createSystem(admin, {
      name: "SAP S/4HANA",
      type: "erp",
      vendor: "SAP",
      hosting: "hybrid",
      region: "EU",
      criticality: "mission_critical",
    });
    const crm = await createSystem(facilitator, {
      name: "Salesforce",
      type: "crm",
      vendor: "Salesforce",
      hosting: "cloud",
      criticality: "high",
    });
    await expect(
      createSystem(viewer, { name: "X", type: "erp", hosting: "cloud", criticality: "low" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createSystem(admin, { name: "sap s/4hana ", type: "erp", hosting: "cloud", criticality: "low" }),
    ).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { name: expect.any(Array) } });

    const owner = await createUser(admin, {
      email: "owner@example.com",
      name: "Omar",
      role: "data_owner",
      password: "long-enough-pass",
    });
    const p = await createProcess(facilitator, {
      name: "Quote to order",
      department: "Sales",
      ownerEmail: owner.email,
      volumePerMonth: "2400",
      manualMinutesPerTxn: "14",
      errorRatePct: "8",
      systemIds: [sap.id, crm.id],
      painPoints: "critical: re-keying #rekeying\nmedium: slow",
    });
    expect(p).toMatchObject({
      department: "Sales",
      owner: "Omar",
      worstSeverity: "critical",
      painPointCount: 2,
      annualManualHours: 6720,
    });
    await expect(createProcess(admin, { name: "Quote to order", department: "sales" })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: expect.any(Array) },
    });
    await expect(
      createProcess(admin, { name: "Other", department: "Sales", ownerEmail: "ghost@example.com" }),
    ).rejects.toMatchObject({ fieldErrors: { ownerEmail: expect.any(Array) } });

    await createProcess(admin, {
      name: "Payroll input",
      department: "HR",
      systemIds: [],
      painPoints: "low: late approvals",
    });
    expect((await listProcesses(viewer, q({ q: "quote" }))).rows.map((r) => r.name)).toEqual(["Quote to order"]);
    expect((await listProcesses(viewer, q({ filters: { system: crm.id } }))).total).toBe(1);
    expect((await listProcesses(viewer, q({ filters: { severity: "low" } }))).rows.map((r) => r.name)).toEqual([
      "Payroll input",
    ]);
    expect((await listProcesses(viewer, q({ sort: "department", dir: "desc" }))).rows.map((r) => r.department)).toEqual(
      ["Sales", "HR"],
    );

    const updated = await updateProcess(admin, {
      id: p.id,
      name: "Quote to order",
      department: "Sales",
      volumePerMonth: 3000,
      systemIds: [sap.id],
    });
    expect(updated).toMatchObject({
      volumePerMonth: 3000,
      systems: [{ name: "SAP S/4HANA" }],
      painPointCount: 0,
      owner: "",
    });

    const iface = await createInterface(admin, {
      name: "Orders",
      sourceSystemId: crm.id,
      targetSystemId: sap.id,
      mechanism: "manual",
      payloadFormat: "excel",
      frequency: "daily",
      volumePerMonth: 2400,
    });
    await expect(
      createInterface(admin, {
        name: "Orders",
        sourceSystemId: crm.id,
        targetSystemId: sap.id,
        mechanism: "api",
        payloadFormat: "json",
        frequency: "daily",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await listInterfaces(viewer, q({ q: "salesf" }))).rows.map((r) => r.id)).toEqual([iface.id]);
    expect((await listSystems(viewer, q({ filters: { type: "crm" } }))).rows[0]).toMatchObject({
      name: "Salesforce",
      interfaceCount: 1,
    });
    await expect(deleteSystem(admin, { id: crm.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    await deleteProcess(admin, { id: p.id });
    await expect(getProcessOrThrow(viewer, p.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await count("PainPoint")).toBe(1);

    const actions = (await listAuditEntries(admin, q({ pageSize: 100 }))).rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "inventory.system.create",
        "inventory.department.create",
        "inventory.process.create",
        "inventory.process.update",
        "inventory.interface.create",
        "inventory.process.delete",
      ]),
    );
  });

  it("draws the dependency graph filtered by process, with far ends as context nodes", async () => {
    const all = await getDependencyGraph(viewer, {});
    expect(all.nodes.map((n) => n.name)).toEqual(["SAP S/4HANA", "Salesforce"]);
    expect(all.edges).toHaveLength(1);
    const hr = (await listProcesses(viewer, q({ q: "payroll" }))).rows[0];
    const none = await getDependencyGraph(viewer, { processId: hr.id });
    expect(none).toMatchObject({ nodes: [], edges: [] });
    const sap = (await listSystems(viewer, q({ q: "SAP S/4HANA" }))).rows[0];
    const p = await createProcess(admin, { name: "Invoices", department: "Finance", systemIds: [sap.id] });
    const g = await getDependencyGraph(viewer, { processId: p.id });
    expect(g.edges).toHaveLength(1);
    expect(g.nodes.map((n) => [n.name, n.isContext]).sort()).toEqual([
      ["SAP S/4HANA", false],
      ["Salesforce", true],
    ]);
    // The graph's process filter searches only processes linked to a system, narrowed by department.
    const offered = await searchProcesses(viewer, { q: "", withSystems: true });
    expect(offered.options.map((o) => o.label)).toContain("Invoices");
    expect(offered.options.map((o) => o.id)).not.toContain(hr.id);
    const financeId = (await getProcessOrThrow(viewer, p.id)).departmentId;
    const finance = await searchProcesses(viewer, { q: "", withSystems: true, departmentId: financeId });
    expect(new Set(finance.options.map((o) => o.detail))).toEqual(new Set(["Finance"]));
    expect((await searchProcesses(viewer, { q: "payroll" })).options.map((o) => o.id)).toContain(hr.id);
    // The page keeps a chosen process only while it passes the filter.
    expect(await processLookupOption(viewer, p.id, { withSystems: true })).toMatchObject({ label: "Invoices" });
    expect(await processLookupOption(viewer, hr.id, { withSystems: true })).toBeNull();
  });
});

describe("spreadsheet import", () => {
  const header = "name,department,ownerEmail,volumePerMonth,errorRatePct,systems,painPoints";
  const good = [
    header,
    "Cash application,Finance,owner@example.com,5200,5,SAP S/4HANA,high: remittances from PDFs #manual",
    "Lead routing,Sales,,3200,4,Salesforce; SAP S/4HANA; sap s/4hana,",
    "Vendor onboarding,Finance,,60,12,,critical: bank details by e-mail #fraud",
  ];

  it("writes nothing when one row is bad and names the row and field", async () => {
    const before = {
      processes: await count("BusinessProcess"),
      audit: await count("AuditEntry"),
      departments: await count("Department"),
    };
    const bad = [...good];
    bad[2] = "Lead routing,Sales,,3200,4,Salesforce; Mainframe,";
    const report = await importSheet(facilitator, "processes", csv(bad), "csv", { dryRun: false });
    expect(report.committed).toBe(false);
    expect(report.issues).toEqual([
      { row: 3, field: "systems", message: expect.stringContaining('No system named "Mainframe"') },
    ]);
    expect({
      processes: await count("BusinessProcess"),
      audit: await count("AuditEntry"),
      departments: await count("Department"),
    }).toEqual(before);
  });

  it("rolls back rows already written when a later write fails", async () => {
    const before = await count("BusinessProcess");
    // Every check passes; a constraint trips on the third row's insert, after two rows were written.
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query(
      `ALTER TABLE "BusinessProcess" ADD CONSTRAINT no_vendor CHECK (name <> 'Vendor onboarding') NOT VALID`,
    );
    await expect(importSheet(facilitator, "processes", csv(good), "csv", { dryRun: false })).rejects.toThrow();
    expect(await count("BusinessProcess")).toBe(before);
    await client.query(`ALTER TABLE "BusinessProcess" DROP CONSTRAINT no_vendor`);
    await client.end();
  });

  it("imports the fixed file, reports progress, and a re-import of its export changes nothing", async () => {
    const before = await count("BusinessProcess");
    const dry = await importSheet(facilitator, "processes", csv(good), "csv", { dryRun: true });
    expect(dry).toMatchObject({ committed: false, issues: [], rowCount: 3 });
    expect(await count("BusinessProcess")).toBe(before);

    const createdBefore = await count("AuditEntry", `action = 'inventory.process.create'`);
    const progress: number[] = [];
    const report = await importSheet(facilitator, "processes", csv(good), "csv", {
      dryRun: false,
      onProgress: (p) => p.phase === "writing" && progress.push(p.done),
    });
    expect(report).toMatchObject({ committed: true, counts: { created: 3, updated: 0, unchanged: 0 } });
    expect(progress.at(-1)).toBe(3);
    // One entry per created record, plus one for the import itself.
    expect(await count("AuditEntry", `action = 'inventory.process.create'`)).toBe(createdBefore + 3);
    expect(await count("AuditEntry", `action = 'inventory.import.processes'`)).toBe(1);
    const cash = (await listProcesses(viewer, q({ q: "Cash application" }))).rows[0];
    expect(cash).toMatchObject({
      department: "Finance",
      owner: "Omar",
      worstSeverity: "high",
      systems: [{ name: "SAP S/4HANA" }],
    });

    for (const format of ["csv", "xlsx"] as const) {
      const file = await exportSheet(viewer, "processes", format);
      const auditBefore = await count("AuditEntry");
      const again = await importSheet(facilitator, "processes", file.bytes, format, { dryRun: false });
      expect(again.issues).toEqual([]);
      expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: file.rowCount });
      expect(await count("AuditEntry")).toBe(auditBefore);
    }

    const changed = [
      header,
      "Cash application,finance,owner@example.com,6000,5,SAP S/4HANA,high: remittances from PDFs #manual",
    ];
    const update = await importSheet(facilitator, "processes", csv(changed), "csv", { dryRun: false });
    expect(update.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await getProcessOrThrow(viewer, cash.id)).volumePerMonth).toBe(6000);
  });

  it("imports systems and interfaces by name and refuses a viewer", async () => {
    const systems = csv([
      "name,type,vendor,hosting,region,criticality",
      "Workday,HRIS,Workday,Cloud,EU (Dublin),high",
      "ADP,hris,ADP,cloud,US,High",
    ]);
    await expect(importSheet(viewer, "systems", systems, "csv", { dryRun: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await importSheet(facilitator, "systems", systems, "csv", { dryRun: false })).counts).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    const ifaces = csv([
      "name,source,target,mechanism,payloadFormat,frequency,volumePerMonth",
      "Employees to payroll,workday,ADP,point-to-point,xml,daily,900",
      "Ghost,Workday,Nowhere,api,json,daily,1",
    ]);
    const bad = await importSheet(facilitator, "interfaces", ifaces, "csv", { dryRun: false });
    expect(bad.issues).toEqual([{ row: 3, field: "target", message: expect.stringContaining('"Nowhere"') }]);
    const ok = await importSheet(
      facilitator,
      "interfaces",
      csv([
        ...[
          "name,source,target,mechanism,payloadFormat,frequency,volumePerMonth",
          "Employees to payroll,workday,ADP,point-to-point,xml,daily,900",
        ],
      ]),
      "csv",
      { dryRun: false },
    );
    expect(ok.counts?.created).toBe(1);
    expect((await listInterfaces(viewer, q({ q: "Employees" }))).rows[0]).toMatchObject({
      source: "Workday",
      target: "ADP",
      mechanism: "point_to_point",
    });
  });
});

describe("switchboard inventory CLI", () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [path.resolve("bin/switchboard.mjs"), "inventory", ...args], {
      env: { ...process.env, DATABASE_URL: url() },
      encoding: "utf8",
    });

  it("exits 2 naming the row and field of a bad file, then imports the fixed file and exports it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sb-inventory-cli-"));
    const bad = path.join(dir, "systems.csv");
    writeFileSync(bad, "name,type,hosting,criticality\nCoupa,finance,cloud,medium\nAS/400,mainframe,on_prem,high\n");
    const rejected = cli(["import", bad, "--kind", "systems"]);
    expect(rejected.status).toBe(2);
    expect(rejected.stderr).toContain("row 3, field type");
    expect(rejected.stderr).toContain("nothing was imported");

    writeFileSync(bad, "name,type,hosting,criticality\nCoupa,finance,cloud,medium\nAS/400,custom,on_prem,high\n");
    const dry = cli(["import", bad, "--kind", "systems", "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("dry run");
    const done = cli(["import", bad, "--kind", "systems"]);
    expect(done.status).toBe(0);
    expect(done.stdout).toContain("2 created");

    const out = path.join(dir, "export.csv");
    const exported = cli(["export", "--kind", "systems", "--format", "csv", "--out", out]);
    expect(exported.status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("AS/400,custom,");
    expect(cli(["export", "--kind", "gadgets", "--out", out]).status).toBe(2);
  }, 120_000);
});
