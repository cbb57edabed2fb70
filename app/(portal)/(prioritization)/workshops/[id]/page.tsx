import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getParticipantView, getSessionMeta } from "@/lib/services/prioritization/workshops";
import { orNotFound } from "@/lib/http/not-found";
import { ScoreSheet } from "../_components/score-sheet";

export const metadata: Metadata = { title: "Score candidates" };

export default async function WorkshopScoringPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("workshop:score");
  const { id } = await params;
  const meta = await orNotFound(getSessionMeta(actor, id));
  if (!meta.isParticipant) {
    if (meta.isFacilitator) redirect(`/workshops/${id}/live`);
    notFound();
  }
  const view = await getParticipantView(actor, id);
  return (
    <>
      <PageHeader
        title={view.title}
        description="Your scores"
        actions={
          <>
            {meta.isFacilitator && (
              <Link href={`/workshops/${id}/live`} className="text-sm text-indigo-700 hover:underline">
                Live results
              </Link>
            )}
            <Link href="/workshops" className="text-sm text-indigo-700 hover:underline">
              ← All sessions
            </Link>
          </>
        }
      />
      <ScoreSheet view={view} />
    </>
  );
}
