import { cn } from "@/lib/utils/cn";

const COLOURS: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800 ring-sky-300",
  POST: "bg-emerald-100 text-emerald-800 ring-emerald-300",
  PUT: "bg-amber-100 text-amber-900 ring-amber-300",
  PATCH: "bg-violet-100 text-violet-800 ring-violet-300",
  DELETE: "bg-red-100 text-red-800 ring-red-300",
};

/** The HTTP method in a fixed-width badge, coloured by kind, readable as text too. */
export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-16 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-bold ring-1 ring-inset",
        COLOURS[method] ?? "bg-slate-100 text-slate-800 ring-slate-300",
      )}
    >
      {method}
    </span>
  );
}
