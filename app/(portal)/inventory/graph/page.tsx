import type { Metadata } from "next";
import Link from "next/link";
import { Button, Card, EmptyState, Notice, PageHeader, Select } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getDependencyGraph, listDepartments } from "@/lib/services/inventory";
import { processLookupOption } from "@/lib/services/inventory/lookups";
import { label, MECHANISMS } from "@/lib/validation/inventory";
import { MECHANISM_COLOURS } from "./_components/colours";
import { DependencyGraphView } from "./_components/dependency-graph";
import { ProcessFilter } from "./_components/process-filter";

export const metadata: Metadata = { title: "Dependency graph" };

export default async function GraphPage({
  searchParams,
}: {
  searchParams: Promise<{ processId?: string; departmentId?: string }>;
}) {
  const actor = await requirePageAccess("inventory:read");
  const query = await searchParams;
  const departmentId = query.departmentId ?? "";
  const [departments, process] = await Promise.all([
    listDepartments(actor),
    // A process left over from another department (the department changed) no longer applies.
    processLookupOption(actor, query.processId, { departmentId: departmentId || undefined, withSystems: true }),
  ]);
  const processId = process?.id ?? "";
  const graph = await getDependencyGraph(actor, { processId, departmentId });
  const isFiltered = Boolean(processId || departmentId);
  return (
    <>
      <PageHeader
        title="Dependency graph"
        description="Systems are nodes and interfaces are edges. Filter by process or department to see the systems they touch and every interface that reaches them."
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Graph filters">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Department</span>
          <Select name="departmentId" defaultValue={departmentId} className="w-56">
            <option value="">All departments</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </label>
        <div className="text-sm">
          <label htmlFor="graph-process" className="mb-1 block font-medium text-slate-700">
            Process
          </label>
          <ProcessFilter key={`${departmentId}:${processId}`} departmentId={departmentId} value={process} />
        </div>
        <Button type="submit">Apply</Button>
        {isFiltered && (
          <Link href="/inventory/graph" className="text-sm text-indigo-700 hover:underline">
            Clear
          </Link>
        )}
      </form>
      {graph.truncated && (
        <div className="mb-4">
          <Notice tone="warning" title="Showing part of the graph">
            {graph.totalEdges.toLocaleString("en-US")} interfaces match; the {graph.edges.length} with the highest
            volume are drawn. Filter by department or process to see the rest.
          </Notice>
        </div>
      )}
      {graph.nodes.length === 0 ? (
        <EmptyState
          title={isFiltered ? "No systems for this filter" : "No systems yet"}
          description={
            isFiltered
              ? "The chosen processes are not linked to any system. Link systems on the process page."
              : "Add systems and interfaces to see how they depend on each other."
          }
        />
      ) : (
        <>
          <DependencyGraphView graph={graph} />
          <Card className="mt-4" title="Legend">
            <ul className="flex flex-wrap gap-4 text-sm" aria-label="Edge colours by mechanism">
              {MECHANISMS.map((m) => (
                <li key={m} className="flex items-center gap-2">
                  <span
                    aria-hidden
                    className="inline-block h-1 w-6 rounded"
                    style={{ background: MECHANISM_COLOURS[m] }}
                  />
                  {label(m)}
                </li>
              ))}
              <li className="text-slate-500">
                Border: criticality · faded: outside the filter · click a node or edge to open it
              </li>
            </ul>
          </Card>
        </>
      )}
    </>
  );
}
