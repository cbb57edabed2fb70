import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { defineSheet, type RowIssue } from "@/lib/spreadsheet";
import { formatPainPoints, ZProcessInput } from "@/lib/validation/inventory";
import { loadProcessesTx, processWhere, saveProcessTx, type ProcessRecord } from "./processes";
import { ensureDepartment } from "./shared";
import { systemsByName } from "./systems-sheet";

const splitList = (s: string) => [
  ...new Set(
    s
      .split(/[;\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

const ZProcessRow = ZProcessInput.omit({ systemIds: true }).extend({
  systems: z.string().default("").transform(splitList),
});
type TProcessRow = z.output<typeof ZProcessRow>;

const lower = (s: string) => s.toLowerCase();

async function ownerIdsByEmail(tx: Tx, emails: string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const found = await tx.user.findMany({
    where: { email: { in: emails }, isActive: true },
    select: { id: true, email: true },
  });
  return new Map(found.map((u) => [u.email, u.id]));
}

type Context = {
  systems: Map<string, { id: string; name: string }>;
  owners: Map<string, string>;
  departments: Map<string, { id: string; name: string }>;
  byKey: Map<string, ProcessRecord>;
};

const processKey = (departmentId: string, name: string) => `${departmentId}\u0000${name}`;

export const processesSheet = defineSheet({
  kind: "processes",
  label: "Processes",
  readPermission: "inventory:read",
  editPermission: "inventory:edit",
  columns: [
    { key: "name", required: true, hint: "Process name, unique within its department." },
    { key: "department", required: true, hint: "Department name; a new name creates the department." },
    { key: "ownerEmail", hint: "Email of the accountable user (must have an account), or leave empty." },
    { key: "ownerName", hint: "Owner as free text, for people without an account." },
    { key: "description", hint: "What the process does." },
    { key: "volumePerMonth", hint: "Transactions per month (whole number)." },
    { key: "manualMinutesPerTxn", hint: "Manual effort in minutes per transaction." },
    { key: "errorRatePct", hint: "Error or rework rate, 0–100 (%)." },
    { key: "cycleTimeHours", hint: "End-to-end cycle time in hours." },
    { key: "systems", hint: "Systems touched, by name, separated by ;" },
    { key: "painPoints", hint: "severity: description #tag, separated by ; (severity: low, medium, high, critical)." },
  ],
  schema: ZProcessRow,
  naturalKey: (r: TProcessRow) => `${lower(r.department)}\u0000${r.name}`,

  async checkReferences(tx, rows): Promise<RowIssue[]> {
    const systems = await systemsByName(tx, [...new Set(rows.flatMap((r) => r.value.systems))]);
    const owners = await ownerIdsByEmail(tx, [...new Set(rows.map((r) => r.value.ownerEmail).filter(Boolean))]);
    const issues: RowIssue[] = [];
    for (const { row, value } of rows) {
      for (const name of value.systems) {
        if (!systems.has(lower(name)))
          issues.push({
            row,
            field: "systems",
            message: `No system named "${name}". Add it on the Systems page (or import systems first), or fix the name.`,
          });
      }
      if (value.ownerEmail && !owners.has(value.ownerEmail)) {
        issues.push({
          row,
          field: "ownerEmail",
          message: `No active user has the email ${value.ownerEmail}. Leave it empty and use ownerName instead.`,
        });
      }
    }
    return issues;
  },

  async prepare(tx, actor, rows, audit): Promise<Context> {
    const systems = await systemsByName(tx, [...new Set(rows.flatMap((r) => r.value.systems))]);
    const owners = await ownerIdsByEmail(tx, [...new Set(rows.map((r) => r.value.ownerEmail).filter(Boolean))]);
    const departments = new Map<string, { id: string; name: string }>();
    for (const name of new Set(rows.map((r) => r.value.department))) {
      if (!departments.has(lower(name))) departments.set(lower(name), await ensureDepartment(tx, actor, name, audit));
    }
    // Current state of every process the file may touch, in one query, so unchanged rows cost nothing.
    const existing = await loadProcessesTx(tx, { departmentId: { in: [...departments.values()].map((d) => d.id) } });
    const byKey = new Map([...existing.values()].map((p) => [processKey(p.departmentId, p.name), p]));
    return { systems, owners, departments, byKey };
  },
  find: ({ departments, byKey }, row) => byKey.get(processKey(departments.get(lower(row.department))!.id, row.name)),
  save(tx, actor, row, before, { systems, owners, departments }, audit) {
    const department = departments.get(lower(row.department))!;
    const { systems: systemNames, department: _department, ownerEmail, ...rest } = row;
    // "SAP" and "sap" in one cell are the same system: link it once.
    const linked = [...new Map(systemNames.map((n) => systems.get(lower(n))!).map((s) => [s.id, s])).values()];
    return saveProcessTx(
      tx,
      actor,
      {
        ...rest,
        departmentId: department.id,
        ownerId: ownerEmail ? owners.get(ownerEmail)! : null,
        systemIds: linked.map((s) => s.id),
        labels: { department: department.name, ownerEmail, systems: linked.map((s) => s.name) },
      },
      before ?? null,
      audit,
    );
  },

  async exportRows(actor, filter) {
    void actor;
    const rows = await db().businessProcess.findMany({
      where: processWhere(filter),
      select: {
        name: true,
        department: { select: { name: true } },
        owner: { select: { email: true } },
        ownerName: true,
        description: true,
        volumePerMonth: true,
        manualMinutesPerTxn: true,
        errorRatePct: true,
        cycleTimeHours: true,
        systems: { select: { system: { select: { name: true } } } },
        painPoints: { select: { severity: true, description: true, tags: true }, orderBy: { position: "asc" } },
      },
      orderBy: [{ department: { name: "asc" } }, { name: "asc" }],
    });
    return rows.map((p) => ({
      name: p.name,
      department: p.department.name,
      ownerEmail: p.owner?.email ?? "",
      ownerName: p.ownerName,
      description: p.description,
      volumePerMonth: p.volumePerMonth,
      manualMinutesPerTxn: p.manualMinutesPerTxn,
      errorRatePct: p.errorRatePct,
      cycleTimeHours: p.cycleTimeHours,
      systems: p.systems
        .map((s) => s.system.name)
        .sort()
        .join("; "),
      painPoints: formatPainPoints(p.painPoints),
    }));
  },
});
