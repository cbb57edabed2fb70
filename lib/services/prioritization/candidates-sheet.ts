import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { defineSheet, type RowIssue } from "@/lib/spreadsheet";
import { saveCandidateTx } from "./candidates";
import { findCycles } from "./waves";

// Integration candidates as a spreadsheet: references are by name (department, processes,
// interfaces, other candidates), lists are separated by ";". Natural key: the candidate name.

const list = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(";")
          .map((s) => s.trim())
          .filter(Boolean)
      : (v ?? []),
  z.array(z.string().max(200)).max(200),
);
const num = (label: string, fallback: number, min = 0, max = 1e12) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? fallback : v),
    z.coerce
      .number({ error: `${label} must be a number.` })
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max}.`),
  );
const yesNo = z.preprocess(
  (v) => (v === "" || v === undefined ? "yes" : String(v).trim().toLowerCase()),
  z.enum(["yes", "no", "true", "false"], { error: "Use yes or no." }).transform((v) => v === "yes" || v === "true"),
);

const ZCandidateRow = z.object({
  name: z.string().trim().min(3, "Use at least 3 characters.").max(160),
  description: z.string().trim().max(4000).default(""),
  department: z.string().trim().max(120).default(""),
  effortFte: num("effortFte", 1, 0.1, 50),
  processes: list,
  interfaces: list,
  dependsOn: list,
  useInventoryInputs: yesNo,
  volumePerMonth: num("volumePerMonth", 0),
  manualMinutesPerTxn: num("manualMinutesPerTxn", 0, 0, 100_000),
  minutesPerTxnAfter: num("minutesPerTxnAfter", 1, 0.01, 100_000),
  errorRatePct: num("errorRatePct", 0, 0, 100),
  errorRateAfterPct: num("errorRateAfterPct", 0, 0, 100),
  costPerError: num("costPerError", 0),
  loadedCostPerHour: num("loadedCostPerHour", 55, 0, 10_000),
  buildCost: num("buildCost", 0),
  runCostPerYear: num("runCostPerYear", 0),
  discountRatePct: num("discountRatePct", 8, 0, 100),
  years: num("years", 5, 1, 30).pipe(z.number().int("years must be a whole number.")),
});
type TCandidateRow = z.output<typeof ZCandidateRow>;

const lower = (s: string) => s.toLowerCase();

type Lookups = {
  departments: Map<string, string>;
  processes: Map<string, string[]>;
  interfaces: Map<string, string[]>;
  candidates: Map<string, string>;
};

async function lookups(tx: Tx, rows: { value: TCandidateRow }[]): Promise<Lookups> {
  const names = (pick: (r: TCandidateRow) => string[]) => [...new Set(rows.flatMap((r) => pick(r.value)))];
  // One after another: a transaction is one connection, and pg deprecates overlapping queries on it.
  const departments = await tx.department.findMany({
    where: { name: { in: names((r) => (r.department ? [r.department] : [])), mode: "insensitive" } },
    select: { id: true, name: true },
  });
  const processes = await tx.businessProcess.findMany({
    where: { name: { in: names((r) => r.processes), mode: "insensitive" } },
    select: { id: true, name: true },
  });
  const interfaces = await tx.interface.findMany({
    where: { name: { in: names((r) => r.interfaces), mode: "insensitive" } },
    select: { id: true, name: true },
  });
  const candidates = await tx.integrationCandidate.findMany({
    where: { name: { in: [...names((r) => r.dependsOn), ...names((r) => [r.name])], mode: "insensitive" } },
    select: { id: true, name: true },
  });
  const group = (items: { id: string; name: string }[]) => {
    const m = new Map<string, string[]>();
    for (const i of items) m.set(lower(i.name), [...(m.get(lower(i.name)) ?? []), i.id]);
    return m;
  };
  return {
    departments: new Map(departments.map((d) => [lower(d.name), d.id])),
    processes: group(processes),
    interfaces: group(interfaces),
    candidates: new Map(candidates.map((c) => [lower(c.name), c.id])),
  };
}

/** Rows ordered so that a candidate comes after the in-file candidates it depends on. */
function dependencyOrder<T extends { value: TCandidateRow }>(rows: T[]): T[] {
  const byName = new Map(rows.map((r) => [lower(r.value.name), r]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (r: T, path: Set<string>) => {
    const key = lower(r.value.name);
    if (done.has(key) || path.has(key)) return;
    path.add(key);
    for (const d of r.value.dependsOn) {
      const dep = byName.get(lower(d));
      if (dep) visit(dep, path);
    }
    done.add(key);
    out.push(r);
  };
  for (const r of rows) visit(r, new Set());
  return out;
}

export const candidatesSheet = defineSheet({
  kind: "candidates",
  label: "Integration candidates",
  readPermission: "candidate:read",
  editPermission: "candidate:edit",
  columns: [
    { key: "name", required: true, hint: "Candidate name, unique." },
    { key: "description", hint: "What the integration does." },
    { key: "department", hint: "Carrying department name (must exist); its readiness limits wave capacity." },
    { key: "effortFte", hint: "Business effort in FTE for one wave (default 1)." },
    { key: "processes", hint: "Process names separated by ; (must exist)." },
    { key: "interfaces", hint: "Interface names separated by ; (must exist and be unique by name)." },
    { key: "dependsOn", hint: "Candidate names separated by ; (in the database or in this file)." },
    {
      key: "useInventoryInputs",
      hint: "yes (default): volume, manual minutes and error rate come from the linked processes.",
    },
    { key: "volumePerMonth", hint: "Used when useInventoryInputs is no." },
    { key: "manualMinutesPerTxn", hint: "Used when useInventoryInputs is no." },
    { key: "minutesPerTxnAfter", hint: "Residual minutes per transaction after integration (default 1)." },
    { key: "errorRatePct", hint: "Used when useInventoryInputs is no; 0–100." },
    { key: "errorRateAfterPct", hint: "Error rate after integration, 0–100." },
    { key: "costPerError", hint: "Cost of one error or rework case." },
    { key: "loadedCostPerHour", hint: "Loaded staff cost per hour (default 55)." },
    { key: "buildCost", hint: "One-time build cost." },
    { key: "runCostPerYear", hint: "Yearly run cost." },
    { key: "discountRatePct", hint: "NPV discount rate in % (default 8)." },
    { key: "years", hint: "NPV horizon in years (default 5)." },
  ],
  schema: ZCandidateRow,
  naturalKey: (r: TCandidateRow) => lower(r.name),

  async checkReferences(tx, rows): Promise<RowIssue[]> {
    const l = await lookups(tx, rows);
    const inFile = new Set(rows.map((r) => lower(r.value.name)));
    const issues: RowIssue[] = [];
    for (const { row, value } of rows) {
      if (value.department && !l.departments.has(lower(value.department)))
        issues.push({ row, field: "department", message: `No department named "${value.department}".` });
      for (const p of value.processes) {
        const ids = l.processes.get(lower(p));
        if (!ids) issues.push({ row, field: "processes", message: `No process named "${p}".` });
        else if (ids.length > 1)
          issues.push({
            row,
            field: "processes",
            message: `"${p}" names ${ids.length} processes in different departments; rename one in the inventory.`,
          });
      }
      for (const i of value.interfaces) {
        const ids = l.interfaces.get(lower(i));
        if (!ids) issues.push({ row, field: "interfaces", message: `No interface named "${i}".` });
        else if (ids.length > 1)
          issues.push({
            row,
            field: "interfaces",
            message: `"${i}" names ${ids.length} interfaces; rename one in the inventory.`,
          });
      }
      for (const d of value.dependsOn) {
        if (lower(d) === lower(value.name))
          issues.push({ row, field: "dependsOn", message: "A candidate cannot depend on itself." });
        else if (!inFile.has(lower(d)) && !l.candidates.has(lower(d)))
          issues.push({ row, field: "dependsOn", message: `No candidate named "${d}" in the database or this file.` });
      }
    }
    // A cycle inside one file would have no valid creation order; the waves view reports stored cycles.
    const rowOf = new Map(rows.map((r) => [lower(r.value.name), r.row]));
    const cycles = findCycles(
      [...inFile],
      rows.flatMap((r) =>
        r.value.dependsOn
          .filter((d) => inFile.has(lower(d)) && lower(d) !== lower(r.value.name))
          .map((d) => ({ candidateId: lower(r.value.name), dependsOnId: lower(d) })),
      ),
    );
    for (const cycle of cycles) {
      issues.push({
        row: rowOf.get(cycle[0])!,
        field: "dependsOn",
        message: `Dependency cycle in this file: ${[...cycle, cycle[0]].join(" → ")}.`,
      });
    }
    return issues;
  },

  prepare: (tx, _actor, rows) => lookups(tx, rows),
  order: dependencyOrder,
  find: (l, row) => l.candidates.get(lower(row.name)),
  async save(tx, actor, row, existingId, l, audit) {
    const result = await saveCandidateTx(
      tx,
      actor,
      {
        ...row,
        departmentId: row.department ? l.departments.get(lower(row.department))! : null,
        processIds: row.processes.map((p) => l.processes.get(lower(p))![0]),
        interfaceIds: row.interfaces.map((n) => l.interfaces.get(lower(n))![0]),
        dependsOnIds: row.dependsOn.map((d) => l.candidates.get(lower(d))!),
      },
      existingId,
      audit,
    );
    // Rows later in the file may depend on this one (dependencyOrder put it first).
    l.candidates.set(lower(row.name), result.id);
    return result;
  },

  async exportRows(actor, filter) {
    void actor;
    const where = filter.q ? { name: { contains: filter.q, mode: "insensitive" as const } } : {};
    const rows = await db().integrationCandidate.findMany({
      where: {
        ...where,
        ...(filter.filters.status ? { status: filter.filters.status as "draft" | "proposed" | "approved" } : {}),
      },
      include: { processes: true, interfaces: true, dependsOn: { select: { dependsOn: { select: { name: true } } } } },
      orderBy: { name: "asc" },
    });
    const [departments, processes, interfaces] = await Promise.all([
      db().department.findMany({ select: { id: true, name: true } }),
      db().businessProcess.findMany({
        where: { id: { in: rows.flatMap((r) => r.processes.map((p) => p.processId)) } },
        select: { id: true, name: true },
      }),
      db().interface.findMany({
        where: { id: { in: rows.flatMap((r) => r.interfaces.map((i) => i.interfaceId)) } },
        select: { id: true, name: true },
      }),
    ]);
    const name = (items: { id: string; name: string }[], id: string) => items.find((x) => x.id === id)?.name ?? "";
    const pct = (f: number) => Math.round(f * 10_000) / 100;
    return rows.map((r) => ({
      name: r.name,
      description: r.description,
      department: r.departmentId ? name(departments, r.departmentId) : "",
      effortFte: r.effortFte,
      processes: r.processes
        .map((p) => name(processes, p.processId))
        .filter(Boolean)
        .sort()
        .join("; "),
      interfaces: r.interfaces
        .map((i) => name(interfaces, i.interfaceId))
        .filter(Boolean)
        .sort()
        .join("; "),
      dependsOn: r.dependsOn
        .map((d) => d.dependsOn.name)
        .sort()
        .join("; "),
      useInventoryInputs: r.useInventoryInputs ? "yes" : "no",
      volumePerMonth: r.volumePerMonth,
      manualMinutesPerTxn: r.manualMinutesPerTxn,
      minutesPerTxnAfter: r.minutesPerTxnAfter,
      errorRatePct: pct(r.errorRate),
      errorRateAfterPct: pct(r.errorRateAfter),
      costPerError: r.costPerError,
      loadedCostPerHour: r.loadedCostPerHour,
      buildCost: r.buildCost,
      runCostPerYear: r.runCostPerYear,
      discountRatePct: pct(r.discountRate),
      years: r.years,
    }));
  },
});
