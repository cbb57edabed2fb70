import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { PlanForm } from "../_components/plan-form";

export const metadata: Metadata = { title: "New plan" };

export default async function NewApiPlanPage() {
  await requirePageAccess("api:keys");
  return (
    <>
      <PageHeader
        title="New plan"
        description="Limits apply per consumer, across every gateway process."
        actions={
          <Link href="/apis/plans" className="text-sm text-indigo-700 hover:underline">
            ← All plans
          </Link>
        }
      />
      <PlanForm />
    </>
  );
}
