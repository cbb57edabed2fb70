import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { SHEETS } from "@/lib/services/sheets";
import { ImportWizard } from "./_components/import-wizard";

export const metadata: Metadata = { title: "Import and export" };

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const actor = await requirePageAccess("inventory:read");
  const { kind } = await searchParams;
  const sheets = SHEETS.filter((s) => can(actor.role, s.readPermission)).map((s) => ({
    kind: s.kind,
    label: s.label,
    canImport: can(actor.role, s.editPermission),
    columns: s.columns.map((c) => ({ key: c.key, required: Boolean(c.required), hint: c.hint })),
  }));
  return (
    <>
      <PageHeader
        title="Import and export"
        description="Workshops live in spreadsheets. Export a sheet, edit it, and import it back: rows are matched by their natural key, so re-importing an unchanged export changes nothing."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ImportWizard sheets={sheets} initialKind={sheets.some((s) => s.kind === kind) ? kind : undefined} />
        </div>
        <Card title="Export" description="The same columns the import reads.">
          <ul className="space-y-3 text-sm">
            {sheets.map((s) => (
              <li key={s.kind} className="flex items-center justify-between gap-2">
                <span className="font-medium text-slate-800">{s.label}</span>
                <span className="flex gap-3">
                  <a
                    className="text-indigo-700 hover:underline"
                    href={`/api/export/inventory/${s.kind}?format=csv`}
                    download
                  >
                    CSV
                  </a>
                  <a
                    className="text-indigo-700 hover:underline"
                    href={`/api/export/inventory/${s.kind}?format=xlsx`}
                    download
                  >
                    XLSX
                  </a>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
