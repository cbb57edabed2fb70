import { Badge, Card } from "@/components/ui";
import type { FlowLineage } from "@/lib/services/quality/lineage";

const KIND_TONE = { copy: "success", derived: "info", opaque: "warning" } as const;

/** One row per target field the flow's mapping writes: its source fields and how it is made. */
export function FieldLineageTable({ flow }: { flow: FlowLineage }) {
  return (
    <Card
      title={`Field lineage: ${flow.flowName}`}
      description={
        flow.version === null
          ? "This flow has no version yet."
          : `Version ${flow.version}${flow.environmentKey ? ` as deployed in ${flow.environmentKey}` : " (latest, not deployed)"}. Paths are in the flow's input and output bodies; [] marks an array the mapping iterates.`
      }
    >
      {!flow.fields.length ? (
        <p className="text-sm text-slate-500">No steps to derive field lineage from.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Target fields of {flow.flowName} and their sources</caption>
            <thead>
              <tr className="text-left text-xs uppercase text-slate-500">
                <th scope="col" className="py-1 pr-4">
                  Target field
                </th>
                <th scope="col" className="py-1 pr-4">
                  Source fields
                </th>
                <th scope="col" className="py-1 pr-4">
                  How
                </th>
                <th scope="col" className="py-1">
                  Through steps
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {flow.fields.map((f) => (
                <tr key={f.target}>
                  <td className="py-1 pr-4 font-mono text-xs">{f.target || "(whole body)"}</td>
                  <td className="py-1 pr-4 font-mono text-xs">
                    {f.sources.length ? f.sources.map((s) => s || "(whole body)").join(", ") : "(constant)"}
                  </td>
                  <td className="py-1 pr-4">
                    <Badge tone={KIND_TONE[f.kind]}>{f.kind}</Badge>
                    {f.opaqueAt && <span className="ml-1 text-xs text-slate-500">stops at {f.opaqueAt}</span>}
                  </td>
                  <td className="py-1 text-xs text-slate-500">
                    {[...f.hops]
                      .reverse()
                      .map((h) => `${h.stepId} (${h.use})`)
                      .join(" → ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
