import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { getApiPlanOrThrow } from "@/lib/services/apis/plans";
import { requirePageAccess } from "@/lib/session";
import { DeletePlanButton } from "../_components/delete-plan-button";
import { PlanForm } from "../_components/plan-form";

export const metadata: Metadata = { title: "Edit plan" };

export default async function EditApiPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("api:keys");
  const plan = await orNotFound(getApiPlanOrThrow(actor, (await params).id));
  return (
    <>
      <PageHeader
        title={`Plan ${plan.name}`}
        description={`Now: ${plan.allows}. Used by ${plan.consumerCount} consumer${plan.consumerCount === 1 ? "" : "s"}; a change applies to all of them.`}
        actions={
          <>
            <Link href="/apis/plans" className="text-sm text-indigo-700 hover:underline">
              ← All plans
            </Link>
            <DeletePlanButton
              id={plan.id}
              name={plan.name}
              consumerCount={plan.consumerCount}
              redirectTo="/apis/plans"
            />
          </>
        }
      />
      <PlanForm plan={plan} />
    </>
  );
}
