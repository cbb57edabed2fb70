import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { defineSheet, type ParsedRow, type RowIssue } from "@/lib/spreadsheet";
import { ZInterfaceFields } from "@/lib/validation/inventory";
import { interfaceWhere, saveInterfaceTx } from "./interfaces";
import { systemsByName } from "./systems-sheet";

const ZInterfaceRow = ZInterfaceFields.omit({ sourceSystemId: true, targetSystemId: true })
  .extend({
    source: z.string().trim().min(1, "Enter the source system's name.").max(120),
    target: z.string().trim().min(1, "Enter the target system's name.").max(120),
  })
  .refine((r) => r.source.toLowerCase() !== r.target.toLowerCase(), {
    path: ["target"],
    message: "Source and target must be different systems.",
  });
type TInterfaceRow = z.output<typeof ZInterfaceRow>;

const lower = (s: string) => s.toLowerCase();

const systemsOf = (tx: Tx, rows: ParsedRow<TInterfaceRow>[]) =>
  systemsByName(tx, [...new Set(rows.flatMap((r) => [r.value.source, r.value.target]))]);

type Context = { systems: Map<string, { id: string }>; idByKey: Map<string, string> };

/** The row as the service's input: system names become ids (checkReferences made sure they exist). */
function toInput({ systems }: Context, { source, target, ...rest }: TInterfaceRow) {
  return { ...rest, sourceSystemId: systems.get(lower(source))!.id, targetSystemId: systems.get(lower(target))!.id };
}

const interfaceKey = (i: { sourceSystemId: string; targetSystemId: string; name: string }) =>
  `${i.sourceSystemId}\u0000${i.targetSystemId}\u0000${i.name}`;

export const interfacesSheet = defineSheet({
  kind: "interfaces",
  label: "Interfaces",
  readPermission: "inventory:read",
  editPermission: "inventory:edit",
  columns: [
    { key: "name", required: true, hint: "Interface name, unique between its two systems." },
    { key: "source", required: true, hint: "Source system name (must exist)." },
    { key: "target", required: true, hint: "Target system name (must exist)." },
    { key: "direction", hint: "one_way (default) or two_way." },
    { key: "mechanism", required: true, hint: "manual, file, point_to_point, api or queue." },
    {
      key: "payloadFormat",
      required: true,
      hint: "csv, json, xml, edi_x12, edifact, idoc, fixed_width, excel, pdf or other.",
    },
    { key: "frequency", required: true, hint: "real_time, hourly, daily, weekly, monthly or on_demand." },
    { key: "volumePerMonth", hint: "Messages or records per month (whole number)." },
    { key: "description", hint: "What flows and why." },
  ],
  schema: ZInterfaceRow,
  naturalKey: (r: TInterfaceRow) => `${lower(r.source)}\u0000${lower(r.target)}\u0000${r.name}`,

  async checkReferences(tx, rows): Promise<RowIssue[]> {
    const systems = await systemsOf(tx, rows);
    const issues: RowIssue[] = [];
    for (const { row, value } of rows) {
      for (const field of ["source", "target"] as const) {
        if (!systems.has(lower(value[field]))) {
          issues.push({
            row,
            field,
            message: `No system named "${value[field]}". Add it on the Systems page (or import systems first), or fix the name.`,
          });
        }
      }
    }
    return issues;
  },

  async prepare(tx, _actor, rows): Promise<Context> {
    const systems = await systemsOf(tx, rows);
    const ids = [...systems.values()].map((s) => s.id);
    const existing = await tx.interface.findMany({
      where: { sourceSystemId: { in: ids }, targetSystemId: { in: ids } },
      select: { id: true, name: true, sourceSystemId: true, targetSystemId: true },
    });
    return { systems, idByKey: new Map(existing.map((i) => [interfaceKey(i), i.id])) };
  },
  find: (context, row) => context.idByKey.get(interfaceKey(toInput(context, row))),
  save: (tx, actor, row, existingId, context, audit) =>
    saveInterfaceTx(tx, actor, toInput(context, row), existingId, audit),

  async exportRows(actor, filter) {
    void actor;
    const rows = await db().interface.findMany({
      where: await interfaceWhere(filter),
      select: {
        name: true,
        sourceSystem: { select: { name: true } },
        targetSystem: { select: { name: true } },
        direction: true,
        mechanism: true,
        payloadFormat: true,
        frequency: true,
        volumePerMonth: true,
        description: true,
      },
      orderBy: [{ sourceSystem: { name: "asc" } }, { targetSystem: { name: "asc" } }, { name: "asc" }],
    });
    return rows.map(({ sourceSystem, targetSystem, ...i }) => ({
      ...i,
      source: sourceSystem.name,
      target: targetSystem.name,
    }));
  },
});
