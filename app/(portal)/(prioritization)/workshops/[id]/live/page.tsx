import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { AppError } from "@/lib/errors";
import { getLiveView } from "@/lib/services/prioritization/workshops";
import { LiveBoard } from "../../_components/live-board";

export const metadata: Metadata = { title: "Live results" };

export default async function WorkshopLivePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("workshop:facilitate");
  const { id } = await params;
  const view = await getLiveView(actor, id).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
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
