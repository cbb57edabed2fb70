import type { TQuarantineViolation } from "@/lib/services/quality/quarantine";

/** The last name in a rule's field path (`lines[].sku` → `sku`): what a line of the JSON shows. */
function leafName(field: string): string {
  const parts = field.replace(/\[\]/g, "").split(".");
  return parts[parts.length - 1] ?? field;
}

/**
 * The record as pretty JSON, with the lines of the fields that failed marked and named (rule and
 * message in the title and beside the line), so a reviewer sees what to fix where.
 */
export function RecordView({ record, violations }: { record: unknown; violations: TQuarantineViolation[] }) {
  const lines = (JSON.stringify(record, null, 2) ?? "null").split("\n");
  const byLeaf = new Map<string, TQuarantineViolation[]>();
  for (const v of violations) byLeaf.set(leafName(v.field), [...(byLeaf.get(leafName(v.field)) ?? []), v]);
  return (
    <pre
      className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs"
      data-testid="quarantine-record"
    >
      {lines.map((line, i) => {
        const key = /^\s*"((?:[^"\\]|\\.)*)":/.exec(line)?.[1];
        const hits = key ? byLeaf.get(key) : undefined;
        if (!hits)
          return (
            <span key={i} className="block">
              {line}
            </span>
          );
        return (
          <mark
            key={i}
            className="block bg-red-100 text-red-900"
            title={hits.map((h) => `${h.ruleId}: ${h.message}`).join("\n")}
            data-testid="violation-line"
          >
            {line}
            <span className="ml-3 font-sans text-[11px] font-medium text-red-700">
              ← {hits.map((h) => `${h.ruleId}: ${h.message}`).join("; ")}
            </span>
          </mark>
        );
      })}
    </pre>
  );
}
