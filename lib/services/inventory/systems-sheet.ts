import "server-only";
import { db } from "@/lib/db";
import { ZSystemInput, type TSystemInput } from "@/lib/validation/inventory";
import { saveSystemTx, systemWhere } from "../systems";
import { defineSheet, type ImportCounts } from "./types";

export const systemsSheet = defineSheet({
  kind: "systems",
  label: "Systems",
  readPermission: "inventory:read",
  editPermission: "inventory:edit",
  columns: [
    { key: "name", required: true, hint: "System name, unique (matched ignoring case)." },
    { key: "type", required: true, hint: "erp, crm, hris, scm, finance, custom or saas." },
    { key: "vendor", hint: "Vendor, e.g. SAP." },
    { key: "hosting", required: true, hint: "on_prem, cloud or hybrid." },
    { key: "region", hint: "Where the data lives, for residency, e.g. EU (Frankfurt)." },
    { key: "criticality", required: true, hint: "low, medium, high or mission_critical." },
    { key: "lifecycle", hint: "plan, phase_in, active (default), phase_out or end_of_life." },
    { key: "description", hint: "What the system is used for." },
  ],
  schema: ZSystemInput,
  naturalKey: (r: TSystemInput) => r.name.toLowerCase(),
  checkReferences: async () => [],

  async apply(tx, actor, rows, progress, audit): Promise<ImportCounts> {
    const existing = await tx.system.findMany({
      where: { name: { in: rows.map((r) => r.value.name), mode: "insensitive" } },
      select: { id: true, name: true },
    });
    const idByName = new Map(existing.map((s) => [s.name.toLowerCase(), s.id]));
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const [i, { value }] of rows.entries()) {
      const existingId = idByName.get(value.name.toLowerCase());
      const result = await saveSystemTx(tx, actor, value, existingId, audit);
      if (!existingId) counts.created++;
      else if (result.changed) counts.updated++;
      else counts.unchanged++;
      if (i % 25 === 24 || i === rows.length - 1) progress(i + 1, rows.length);
    }
    return counts;
  },

  async exportRows(actor, filter) {
    void actor;
    const rows = await db().system.findMany({
      where: systemWhere(filter),
      select: {
        name: true,
        type: true,
        vendor: true,
        hosting: true,
        region: true,
        criticality: true,
        lifecycle: true,
        description: true,
      },
      orderBy: { name: "asc" },
    });
    return rows;
  },
});
