import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { candidateFormOptions, getCandidateOrThrow } from "@/lib/services/prioritization/candidates";
import { orNotFound } from "@/lib/http/not-found";
import { CandidateForm } from "../../_components/candidate-form";

export const metadata: Metadata = { title: "Edit candidate" };

export default async function EditCandidatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("candidate:edit");
  const { id } = await params;
  const c = await orNotFound(getCandidateOrThrow(actor, id));
  const options = await candidateFormOptions(actor);
  const s = c.stored;
  return (
    <>
      <PageHeader
        title={`Edit ${c.name}`}
        actions={
          <Link href={`/candidates/${c.id}`} className="text-sm text-indigo-700 hover:underline">
            ← Back to candidate
          </Link>
        }
      />
      <CandidateForm
        options={options}
        initial={{
          candidateId: c.id,
          name: c.name,
          description: c.description,
          departmentId: c.departmentId,
          effortFte: c.effortFte,
          processes: c.processes.map((p) => ({ id: p.id, label: p.name, detail: p.department })),
          interfaces: c.interfaces.map((i) => ({ id: i.id, label: i.name, detail: `${i.source} → ${i.target}` })),
          dependsOn: c.dependsOn.map((d) => ({ id: d.id, label: d.name, detail: d.status })),
          useInventoryInputs: c.useInventoryInputs,
          volumePerMonth: s.volumePerMonth,
          manualMinutesPerTxn: s.manualMinutesPerTxn,
          minutesPerTxnAfter: s.minutesPerTxnAfter,
          errorRatePct: Math.round(s.errorRate * 10000) / 100,
          errorRateAfterPct: Math.round(s.errorRateAfter * 10000) / 100,
          costPerError: s.costPerError,
          loadedCostPerHour: s.loadedCostPerHour,
          buildCost: s.buildCost,
          runCostPerYear: s.runCostPerYear,
          discountRatePct: Math.round(s.discountRate * 10000) / 100,
          years: s.years,
        }}
      />
    </>
  );
}
