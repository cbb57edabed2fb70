import { Badge, type Tone } from "@/components/ui";
import type { TApiChange } from "@/lib/services/apis";

const SEVERITY_TONE: Record<TApiChange["severity"], Tone> = { breaking: "danger", warning: "warning", info: "info" };

function Excerpt({ label, source, at }: { label: string; source: string | null; at: TApiChange["base"] }) {
  if (!at) return null;
  const text = at.line && source ? source.split("\n")[at.line - 1] : undefined;
  return (
    <div className="min-w-0 flex-1">
      <p className="text-xs text-slate-500">
        {label}: <span className="font-mono">{at.pointer || "/"}</span>
        {at.line ? ` · line ${at.line}` : ""}
      </p>
      {text !== undefined && (
        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
          <span className="mr-3 select-none text-slate-400">{at.line}</span>
          {text}
        </pre>
      )}
    </div>
  );
}

/** Each change with its rule id, severity and its place in both documents (pointer, line and that line). */
export function ChangesList({
  changes,
  baseSource,
  revisionSource,
  label,
}: {
  changes: TApiChange[];
  baseSource: string | null;
  revisionSource: string;
  label: string;
}) {
  return (
    <ol className="space-y-3" aria-label={label}>
      {changes.map((c, i) => (
        <li key={`${c.id}-${i}`} className="rounded-md border border-slate-200 p-3" data-testid="api-change">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={SEVERITY_TONE[c.severity]}>{c.severity}</Badge>
            <code className="text-xs font-semibold text-slate-700">{c.id}</code>
            <span className="text-sm text-slate-900">{c.message}</span>
          </div>
          {c.fields.length > 0 && (
            <p className="mt-1 text-xs text-slate-500">
              Fields: <span className="font-mono">{c.fields.join(", ")}</span>
            </p>
          )}
          <div className="mt-2 flex flex-col gap-3 md:flex-row">
            <Excerpt label="Base" source={baseSource} at={c.base} />
            <Excerpt label="This revision" source={revisionSource} at={c.revision} />
          </div>
        </li>
      ))}
    </ol>
  );
}
