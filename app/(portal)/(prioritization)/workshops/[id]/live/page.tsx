import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getLiveView } from "@/lib/services/prioritization/workshops";
import { orNotFound } from "@/lib/http/not-found";
import { LiveBoard } from "../../_components/live-board";

export const metadata: Metadata = { title: "Live results" };

export default async function WorkshopLivePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("workshop:facilitate");
  const { id } = await params;
  const view = await orNotFound(getLiveView(actor, id), ["NOT_FOUND", "FORBIDDEN"]);
  return (
    <>
      <PageHeader
        title={view.title}
        description="Live aggregate across participants. Rows with disagreement are highlighted for discussion."
        actions={
          <Link href="/workshops" className="text-sm text-indigo-700 hover:underline">
            ← All sessions
          </Link>
        }
      />
      <LiveBoard initial={view} />
    </>
  );
}
