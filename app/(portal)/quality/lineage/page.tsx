import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { lineageGraph, lineageScopeOptions, type LineageScope } from "@/lib/services/quality/lineage";
import { requirePageAccess } from "@/lib/session";
import { ExportForm } from "./_components/export-form";
import { FieldLineageTable } from "./_components/field-lineage-table";
import { LineageGraphView } from "./_components/lineage-graph";
import { WhereFromForm } from "./_components/where-from-form";

export const metadata: Metadata = { title: "Lineage" };

const KINDS = ["system", "interface", "flow"] as const;

function scopeOf(params: Record<string, string | string[] | undefined>): LineageScope | null {
  const kind = typeof params.kind === "string" ? params.kind : "";
  const id = typeof params.id === "string" ? params.id : "";
  return (KINDS as readonly string[]).includes(kind) && id ? { kind: kind as LineageScope["kind"], id } : null;
}

export default async function LineagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const scope = scopeOf(params);
  const [options, graph] = await Promise.all([
    lineageScopeOptions(actor, q),
    scope ? lineageGraph(actor, scope).catch(() => null) : Promise.resolve(null),
  ]);
  const pick = (kind: LineageScope["kind"], items: { id: string; name: string }[]) => (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{kind}s</h3>
      {items.length ? (
        <ul className="mt-1 max-h-48 space-y-0.5 overflow-auto text-sm">
          {items.map((i) => (
            <li key={i.id}>
              <Link
                className={scope?.id === i.id ? "font-semibold text-indigo-800" : "text-indigo-700 underline"}
                href={`/quality/lineage?kind=${kind}&id=${i.id}${q ? `&q=${encodeURIComponent(q)}` : ""}`}
              >
                {i.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-500">None match.</p>
      )}
    </div>
  );
  return (
    <>
      <PageHeader
        title="Lineage"
        description="From system to interface, flow, step and target, with field lineage where a JSONata mapping makes it derivable. Trace a delivered value back to the source record, or export OpenLineage events."
      />
      <div className="space-y-6">
        <Card title="Show lineage of" description="Pick a system, interface or flow.">
          <form className="mb-3 flex gap-2" role="search" action="/quality/lineage">
            <label htmlFor="lineage-q" className="sr-only">
              Search by name
            </label>
            <input
              id="lineage-q"
              name="q"
              defaultValue={q}
              placeholder="Search by name…"
              className="h-9 w-72 rounded-md border border-slate-300 px-3 text-sm"
            />
            <button type="submit" className="h-9 rounded-md border border-slate-300 px-3 text-sm">
              Search
            </button>
          </form>
          <div className="grid gap-4 md:grid-cols-3">
            {pick("system", options.systems)}
            {pick("interface", options.interfaces)}
            {pick("flow", options.flows)}
          </div>
        </Card>
        {scope && !graph && (
          <EmptyState title="Not found" description="That system, interface or flow no longer exists." />
        )}
        {graph &&
          (graph.nodes.length ? (
            <LineageGraphView graph={graph} />
          ) : (
            <EmptyState title="Nothing connected" description="No interface or flow is linked to this yet." />
          ))}
        {graph?.flows.map((f) => (
          <FieldLineageTable key={f.flowId} flow={f} />
        ))}
        <WhereFromForm />
        <ExportForm
          flows={graph?.flows.map((f) => ({ id: f.flowId, name: f.flowName })) ?? []}
          environments={options.environments}
        />
      </div>
    </>
  );
}
