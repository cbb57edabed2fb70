import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { candidateFormOptions } from "@/lib/services/prioritization/candidates";
import { CandidateForm, EMPTY_CANDIDATE } from "../_components/candidate-form";

export const metadata: Metadata = { title: "New candidate" };

export default async function NewCandidatePage() {
  const actor = await requirePageAccess("candidate:edit");
  const options = await candidateFormOptions(actor);
  return (
    <>
      <PageHeader
        title="New integration candidate"
        description="Link the processes and interfaces it covers; the ROI model takes volume, manual effort and error rate from them."
        actions={
          <Link href="/candidates" className="text-sm text-indigo-700 hover:underline">
            ← All candidates
          </Link>
        }
      />
      <CandidateForm options={options} initial={EMPTY_CANDIDATE} />
    </>
  );
}
