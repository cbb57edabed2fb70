import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState, Notice, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getRoadmap } from "@/lib/services/prioritization/roadmap";
import { MatrixNav } from "../_components/nav";

export const metadata: Metadata = { title: "Waves and roadmap" };

export default async function WavesPage() {
  const actor = await requirePageAccess("candidate:read");
  const roadmap = await getRoadmap(actor);
  const { plan, candidates } = roadmap;
  const name = (id: string) => candidates[id]?.name ?? id;
  const capacityOf = new Map(roadmap.capacity.map((c) => [c.departmentId, c]));
  const departmentOf = new Map(Object.values(candidates).map((c) => [c.departmentId, c.department]));
  return (
    <>
      <PageHeader
        title="Waves and roadmap"
        description={
          roadmap.snapshot
            ? `Sequenced from the workshop "${roadmap.snapshot.title}" (locked ${new Date(roadmap.snapshot.lockedAt).toLocaleString()}): highest weighted score first, after every dependency, within each department's readiness-based capacity.`
            : "Sequenced from the latest locked scoring workshop."
        }
      />
      <MatrixNav active="waves" />
      {!roadmap.snapshot ? (
        <EmptyState
          title="No locked workshop yet"
          description="Lock a scoring session to sequence its candidates into waves."
        />
      ) : (
        <div className="space-y-6">
          {plan.cycles.length > 0 && (
            <Notice tone="danger" title="Dependency cycle: these candidates cannot be sequenced">
              <ul className="list-disc pl-5" data-testid="cycles">
                {plan.cycles.map((cycle) => (
                  <li key={cycle.join("|")}>{[...cycle, cycle[0]].map(name).join(" → ")}</li>
                ))}
              </ul>
              Remove one dependency in each cycle (on the candidate&apos;s edit page).
            </Notice>
          )}
          <ol className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" aria-label="Waves" data-testid="waves">
            {plan.waves.map((w) => (
              <li
                key={w.number}
                className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
                data-testid={`wave-${w.number}`}
              >
                <h2 className="font-semibold text-slate-900">Wave {w.number}</h2>
                <p className="text-xs text-slate-500">
                  {Object.entries(w.load)
                    .map(([dept, fte]) => {
                      const cap = capacityOf.get(dept);
                      return `${cap?.department ?? departmentOf.get(dept) ?? "Department"} ${fte}/${cap?.capacityFte ?? roadmap.defaultCapacityFte} FTE`;
                    })
                    .join(" · ")}
                </p>
                <ul className="mt-3 space-y-2">
                  {w.candidateIds.map((id) => {
                    const c = candidates[id];
                    return (
                      <li key={id} className="rounded-md border border-slate-100 bg-slate-50 px-3 py-2 text-sm">
                        <Link href={`/candidates/${id}`} className="font-medium text-indigo-700 hover:underline">
                          {c?.name ?? id}
                        </Link>
                        <span className="block text-xs text-slate-500">
                          {c?.department ?? "No department"} · {c?.effortFte} FTE ·{" "}
                          {c?.isScored ? `score ${c.weightedScore}` : "not scored (prerequisite)"}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ol>
          {plan.unscheduled.length > 0 && (
            <Card title="Not scheduled" description="Each with the reason; fix the cause and the plan updates.">
              <ul className="space-y-1 text-sm" data-testid="unscheduled">
                {plan.unscheduled.map((u) => (
                  <li key={u.candidateId}>
                    <span className="font-medium">{name(u.candidateId)}</span>: {u.reason}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card
            title="Capacity per wave"
            description={`FTE each department can give per wave, from its readiness assessment. Departments without an assessment get ${roadmap.defaultCapacityFte} FTE.`}
          >
            {roadmap.capacity.length === 0 ? (
              <p className="text-sm text-slate-500">
                No readiness assessments yet.{" "}
                <Link className="text-indigo-700 underline" href="/readiness">
                  Assess departments
                </Link>
                .
              </p>
            ) : (
              <ul className="flex flex-wrap gap-2 text-sm">
                {roadmap.capacity.map((c) => (
                  <li key={c.departmentId}>
                    <Badge>
                      {c.department}: {c.capacityFte} FTE
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
