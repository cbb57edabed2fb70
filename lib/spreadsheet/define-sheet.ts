import type { z } from "zod";
import type { ImportCounts, ParsedRow, Sheet, SheetDefinition } from "./types";

/** Progress is reported every this many rows (and after the last). */
const PROGRESS_EVERY = 25;

export function defineSheet<S extends z.ZodType, Context, Existing>(def: SheetDefinition<S, Context, Existing>): Sheet {
  type Row = z.output<S>;
  return {
    kind: def.kind,
    label: def.label,
    readPermission: def.readPermission,
    editPermission: def.editPermission,
    columns: def.columns,
    parseRow(cells) {
      const parsed = def.schema.safeParse(cells);
      if (parsed.success) return { ok: true, value: parsed.data, key: def.naturalKey(parsed.data as Row) };
      return {
        ok: false,
        issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "row"), message: i.message })),
      };
    },
    checkReferences: (tx, rows) => def.checkReferences(tx, rows as ParsedRow<Row>[]),
    // The upsert loop every sheet shares: a row without a stored record is created, one whose save
    // changed nothing is unchanged, any other is updated.
    async apply(tx, actor, rows, progress, audit) {
      const typed = rows as ParsedRow<Row>[];
      const context = await def.prepare(tx, actor, typed, audit);
      const ordered = def.order ? def.order(typed) : typed;
      const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
      for (const [i, { value }] of ordered.entries()) {
        const existing = def.find(context, value);
        const { changed } = await def.save(tx, actor, value, existing, context, audit);
        if (existing === undefined) counts.created++;
        else if (changed) counts.updated++;
        else counts.unchanged++;
        if (i % PROGRESS_EVERY === PROGRESS_EVERY - 1 || i === ordered.length - 1) progress(i + 1, ordered.length);
      }
      return counts;
    },
    exportRows: def.exportRows,
  };
}
