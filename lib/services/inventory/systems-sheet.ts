import "server-only";
import { db, type Tx } from "@/lib/db";
import { defineSheet } from "@/lib/spreadsheet";
import { ZSystemInput, type TSystemInput } from "@/lib/validation/inventory";
import { saveSystemTx, systemWhere } from "./systems";

const lower = (s: string) => s.toLowerCase();

/** Systems by name ignoring case, as sheets name them: keyed by the lower-cased name. */
export async function systemsByName(tx: Tx, names: string[]): Promise<Map<string, { id: string; name: string }>> {
  if (!names.length) return new Map();
  const found = await tx.system.findMany({
    where: { name: { in: names, mode: "insensitive" } },
    select: { id: true, name: true },
  });
  return new Map(found.map((s) => [lower(s.name), s]));
}

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
  naturalKey: (r: TSystemInput) => lower(r.name),
  checkReferences: async () => [],

  prepare: (tx, _actor, rows) =>
    systemsByName(
      tx,
      rows.map((r) => r.value.name),
    ),
  find: (existing, row) => existing.get(lower(row.name))?.id,
  save: (tx, actor, row, existingId, _existing, audit) => saveSystemTx(tx, actor, row, existingId, audit),

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
