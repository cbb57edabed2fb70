import type { Metadata } from "next";
import Link from "next/link";
import { Heatmap } from "@/components/charts";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { listReadiness } from "@/lib/services/readiness/assessments";
import { DIMENSION_LABELS, READINESS_DIMENSIONS } from "@/lib/services/readiness/score";

export const metadata: Metadata = { title: "Readiness" };

export default async function ReadinessPage() {
  const actor = await requirePageAccess("readiness:read");
  const rows = await listReadiness(actor);
  const canEdit = can(actor.role, "readiness:edit");
  const assessed = rows.filter((r) => r.dimensions);
  return (
    <>
      <PageHeader
        title="Organizational readiness"
        description="Each department's bandwidth, technical literacy, sponsorship and resistance. The score scales the department's FTE into its capacity per wave."
      />
      <div className="space-y-6">
        <Heatmap
          title="Readiness heatmap"
          description="0–100 per dimension; higher is more ready."
          rowHeader="Department"
          rows={assessed.map((r) => r.department)}
          columns={[...READINESS_DIMENSIONS.map((d) => DIMENSION_LABELS[d]), "Score"]}
          values={assessed.map((r) => [...READINESS_DIMENSIONS.map((d) => r.dimensions![d]), r.score])}
          min={0}
          max={100}
          emptyMessage="No department has been assessed yet."
        />
        <Card title="Departments">
          <table className="w-full text-sm" data-testid="readiness-table">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1">
                  Department
                </th>
                <th scope="col">Score</th>
                <th scope="col">FTE available</th>
                <th scope="col">Wave capacity</th>
                <th scope="col">Assessed</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.departmentId} className="border-t border-slate-100 align-top">
                  <th scope="row" className="py-2 text-left font-medium">
                    {r.department}
                    {r.steps.length > 0 && (
                      <details className="mt-1 font-normal">
                        <summary className="cursor-pointer text-xs text-indigo-700">How the score is computed</summary>
                        <ol className="mt-1 list-decimal pl-5 font-mono text-xs text-slate-600">
                          {r.steps.map((s, i) => (
                            <li key={i}>{s}</li>
                          ))}
                        </ol>
                      </details>
                    )}
                  </th>
                  <td className="py-2 tabular-nums">{r.score ?? "—"}</td>
                  <td className="py-2 tabular-nums">{r.answers?.bandwidthFte ?? "—"}</td>
                  <td className="py-2 tabular-nums">{r.waveCapacityFte === null ? "—" : `${r.waveCapacityFte} FTE`}</td>
                  <td className="py-2 text-slate-500">
                    {r.assessedAt
                      ? `${new Date(r.assessedAt).toLocaleDateString()}${r.assessedBy ? `, ${r.assessedBy}` : ""}`
                      : "Not yet"}
                  </td>
                  <td className="py-2">
                    {canEdit && (
                      <Link href={`/readiness/${r.departmentId}`} className="text-indigo-700 hover:underline">
                        {r.score === null ? "Assess" : "Update"}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
