import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { listReadiness } from "@/lib/services/readiness/assessments";
import { Questionnaire } from "../_components/questionnaire";

export const metadata: Metadata = { title: "Readiness questionnaire" };

export default async function ReadinessQuestionnairePage({ params }: { params: Promise<{ departmentId: string }> }) {
  const actor = await requirePageAccess("readiness:edit");
  const { departmentId } = await params;
  const row = (await listReadiness(actor)).find((r) => r.departmentId === departmentId);
  if (!row) notFound();
  return (
    <>
      <PageHeader
        title={`Readiness: ${row.department}`}
        description="The answers give a readiness score (0–100) and the FTE this department can put into one wave."
        actions={
          <Link href="/readiness" className="text-sm text-indigo-700 hover:underline">
            ← All departments
          </Link>
        }
      />
      <Questionnaire departmentId={row.departmentId} initial={row.answers} />
    </>
  );
}
