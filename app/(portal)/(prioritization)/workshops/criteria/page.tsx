import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { listCriteria } from "@/lib/services/prioritization/criteria";
import { CriterionForm } from "../_components/criterion-form";

export const metadata: Metadata = { title: "Scoring criteria" };

export default async function CriteriaPage() {
  const actor = await requirePageAccess("workshop:facilitate");
  const criteria = await listCriteria(actor);
  const total = criteria.filter((c) => c.isActive).reduce((s, c) => s + c.weight, 0);
  return (
    <>
      <PageHeader
        title="Scoring criteria"
        description="Scores run from 1 to 5. A weight is relative (it is divided by the total of active weights). Inverted criteria count a low score as good, e.g. integration complexity. Changes apply to sessions opened afterwards."
        actions={
          <Link href="/workshops" className="text-sm text-indigo-700 hover:underline">
            ← All sessions
          </Link>
        }
      />
      <Card title="Criteria" description={`Total active weight: ${total}`}>
        <div className="space-y-2">
          {criteria.map((c) => (
            <CriterionForm key={c.key} criterion={c} />
          ))}
        </div>
      </Card>
      <div className="mt-6">
        <Card title="Add a criterion">
          <CriterionForm />
        </Card>
      </div>
    </>
  );
}
