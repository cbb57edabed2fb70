import type { TMediaContent } from "@/lib/apis/openapi/operations";
import { cn } from "@/lib/utils/cn";
import { SchemaTree } from "./schema-tree";

function statusTone(status: string): string {
  if (status.startsWith("2")) return "bg-emerald-50 text-emerald-800 ring-emerald-200";
  if (status.startsWith("3")) return "bg-sky-50 text-sky-800 ring-sky-200";
  if (status.startsWith("4")) return "bg-amber-50 text-amber-900 ring-amber-200";
  if (status.startsWith("5")) return "bg-red-50 text-red-800 ring-red-200";
  return "bg-slate-100 text-slate-700 ring-slate-200";
}

/** Each media type of a body with its schema tree. */
export function MediaContent({ content, label }: { content: TMediaContent | undefined; label: string }) {
  const entries = Object.entries(content ?? {});
  if (entries.length === 0) return <p className="text-sm text-slate-500">No body.</p>;
  return (
    <div className="space-y-3">
      {entries.map(([mediaType, media]) => (
        <div key={mediaType}>
          <p className="mb-1 font-mono text-xs text-slate-500">{mediaType}</p>
          <SchemaTree schema={media.schema} label={label} />
        </div>
      ))}
    </div>
  );
}

/** Responses by status code, in order; "default" last. */
export function Responses({
  responses,
}: {
  responses: Record<string, { description: string; content?: TMediaContent }>;
}) {
  const codes = Object.keys(responses).sort((a, b) =>
    a === "default" ? 1 : b === "default" ? -1 : a.localeCompare(b, "en", { numeric: true }),
  );
  if (codes.length === 0) return <p className="text-sm text-slate-500">No responses documented.</p>;
  return (
    <ul className="space-y-3">
      {codes.map((code) => {
        const r = responses[code];
        return (
          <li key={code} className="rounded-md border border-slate-200 p-3">
            <p className="mb-2 flex flex-wrap items-center gap-2">
              <span
                className={cn("rounded px-2 py-0.5 font-mono text-xs font-bold ring-1 ring-inset", statusTone(code))}
              >
                {code}
              </span>
              <span className="text-sm text-slate-700">{r.description}</span>
            </p>
            {r.content && Object.keys(r.content).length > 0 && <MediaContent content={r.content} label="response" />}
          </li>
        );
      })}
    </ul>
  );
}
