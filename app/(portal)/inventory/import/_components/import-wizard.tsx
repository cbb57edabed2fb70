"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button, Card, FormField, Input, Notice, Select } from "@/components/ui";
import type { ImportProgress, ImportReport } from "@/lib/spreadsheet";

type SheetInfo = {
  kind: string;
  label: string;
  canImport: boolean;
  columns: { key: string; required: boolean; hint: string }[];
};

type State =
  | { step: "idle" }
  | { step: "working"; mode: "validate" | "commit"; progress: ImportProgress | null }
  | { step: "report"; mode: "validate" | "commit"; report: ImportReport }
  | { step: "failed"; message: string };

const PHASE_LABELS: Record<ImportProgress["phase"], string> = {
  reading: "Reading the file",
  validating: "Checking every row",
  checking: "Checking references (systems, owners)",
  writing: "Writing rows",
  auditing: "Recording the audit trail",
};

/** Posts the file and reads the NDJSON progress stream until the report arrives. */
async function runImport(
  file: File,
  kind: string,
  mode: "validate" | "commit",
  onProgress: (p: ImportProgress) => void,
): Promise<ImportReport> {
  const body = new FormData();
  body.set("file", file);
  body.set("kind", kind);
  body.set("mode", mode);
  const response = await fetch("/api/inventory/import", { method: "POST", body });
  if (!response.ok || !response.body) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `The upload failed (HTTP ${response.status}).`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const event = JSON.parse(line) as
        | ({ type: "progress" } & ImportProgress)
        | { type: "report"; report: ImportReport }
        | { type: "error"; message: string };
      if (event.type === "progress") onProgress(event);
      else if (event.type === "report") return event.report;
      else throw new Error(event.message);
    }
    if (done)
      throw new Error(
        "The connection closed before the import finished. Nothing was written if no report was shown; try again.",
      );
  }
}

export function ImportWizard({ sheets, initialKind }: { sheets: SheetInfo[]; initialKind?: string }) {
  const importable = sheets.filter((s) => s.canImport);
  const [kind, setKind] = useState(initialKind ?? importable[0]?.kind ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [state, setState] = useState<State>({ step: "idle" });
  const sheet = sheets.find((s) => s.kind === kind);
  const isWorking = state.step === "working";

  if (!importable.length) {
    return (
      <Card title="Import">
        <Notice>Your role can export the inventory but not import into it.</Notice>
      </Card>
    );
  }

  async function start(mode: "validate" | "commit") {
    if (!file) {
      setState({ step: "failed", message: "Choose a .csv or .xlsx file first." });
      return;
    }
    setState({ step: "working", mode, progress: null });
    try {
      const report = await runImport(file, kind, mode, (progress) => setState({ step: "working", mode, progress }));
      setState({ step: "report", mode, report });
    } catch (error) {
      setState({ step: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void start("validate");
  };

  const reset = () => {
    setFile(null);
    setFileKey((k) => k + 1);
    setState({ step: "idle" });
  };

  return (
    <Card
      title="Import"
      description="Step 1: check the file. Nothing is written until every row is valid. Step 2: import it, all rows or none."
    >
      <form onSubmit={onSubmit} className="space-y-4" aria-label="Import a spreadsheet">
        <div className="grid gap-4 md:grid-cols-2">
          <FormField id="import-kind" label="Sheet">
            {(a) => (
              <Select
                {...a}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value);
                  setState({ step: "idle" });
                }}
                disabled={isWorking}
              >
                {importable.map((s) => (
                  <option key={s.kind} value={s.kind}>
                    {s.label}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id="import-file" label="File" hint="CSV (UTF-8) or Excel .xlsx; the header row names the columns.">
            {(a) => (
              <Input
                {...a}
                key={fileKey}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                disabled={isWorking}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setState({ step: "idle" });
                }}
              />
            )}
          </FormField>
        </div>
        <Button type="submit" disabled={isWorking || !file} aria-busy={isWorking}>
          Check file
        </Button>
      </form>

      <div className="mt-6 space-y-4" aria-live="polite">
        {state.step === "working" && <ProgressBar mode={state.mode} progress={state.progress} />}
        {state.step === "failed" && (
          <Notice tone="danger" title="The file could not be processed">
            {state.message}
          </Notice>
        )}
        {state.step === "report" && (
          <ReportView
            report={state.report}
            mode={state.mode}
            label={sheet?.label ?? kind}
            onImport={() => void start("commit")}
            onReset={reset}
          />
        )}
      </div>

      {sheet && (
        <details className="mt-6 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">
            Columns for {sheet.label.toLowerCase()}
          </summary>
          <ul className="mt-2 space-y-1">
            {sheet.columns.map((c) => (
              <li key={c.key}>
                <code className="rounded bg-slate-100 px-1">{c.key}</code>
                {c.required && <span className="text-red-600"> (required)</span>} — {c.hint}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}

function ProgressBar({ mode, progress }: { mode: "validate" | "commit"; progress: ImportProgress | null }) {
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const text = progress
    ? `${PHASE_LABELS[progress.phase]}: ${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")} rows`
    : "Uploading…";
  return (
    <div>
      <p className="mb-1 text-sm text-slate-700">
        {mode === "commit" ? "Importing. " : "Checking. "}
        {text}
      </p>
      <div
        role="progressbar"
        aria-label={mode === "commit" ? "Import progress" : "Check progress"}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function ReportView({
  report,
  mode,
  label,
  onImport,
  onReset,
}: {
  report: ImportReport;
  mode: "validate" | "commit";
  label: string;
  onImport: () => void;
  onReset: () => void;
}) {
  const listHref = `/inventory/${report.kind}`;
  if (report.issues.length) {
    return (
      <div className="space-y-3" data-testid="import-report">
        <Notice tone="danger" title={`${report.issues.length} problem(s) found. Nothing was imported.`}>
          The import is all or nothing. Fix these rows in the file and upload it again.
        </Notice>
        <div className="max-h-96 overflow-auto rounded border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Validation report</caption>
            <thead className="sticky top-0 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Row
                </th>
                <th scope="col" className="px-3 py-2">
                  Field
                </th>
                <th scope="col" className="px-3 py-2">
                  Problem
                </th>
              </tr>
            </thead>
            <tbody>
              {report.issues.map((issue, i) => (
                <tr key={i} className="border-t border-slate-100" data-testid="import-issue">
                  <td className="px-3 py-2 tabular-nums">{issue.row}</td>
                  <td className="px-3 py-2 font-mono text-xs">{issue.field}</td>
                  <td className="px-3 py-2">{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  if (mode === "commit" && report.committed && report.counts) {
    const { created, updated, unchanged } = report.counts;
    return (
      <div className="space-y-3" data-testid="import-report">
        <Notice tone="success" title={`Imported ${report.rowCount} ${label.toLowerCase()} row(s).`}>
          {created} created, {updated} updated, {unchanged} unchanged.
        </Notice>
        <div className="flex gap-3">
          <Link href={listHref} className="text-sm font-medium text-indigo-700 hover:underline">
            View {label.toLowerCase()}
          </Link>
          <button type="button" onClick={onReset} className="text-sm text-slate-600 hover:underline">
            Import another file
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="import-report">
      <Notice tone="success" title={`All ${report.rowCount} row(s) are valid.`}>
        Nothing has been written yet.
      </Notice>
      <Button onClick={onImport}>Import {report.rowCount} row(s)</Button>
    </div>
  );
}
