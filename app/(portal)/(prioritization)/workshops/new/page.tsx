import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { candidateNames } from "@/lib/services/prioritization/candidates";
import { participantOptions } from "@/lib/services/prioritization/workshops";
import { CreateWorkshopForm } from "../_components/create-workshop-form";

export const metadata: Metadata = { title: "New scoring session" };

export default async function NewWorkshopPage() {
  const actor = await requirePageAccess("workshop:facilitate");
  const [candidates, people] = await Promise.all([candidateNames(actor), participantOptions(actor)]);
  return (
    <>
      <PageHeader
        title="New scoring session"
        description="The active criteria and weights are frozen into the session when it opens."
        actions={
          <Link href="/workshops" className="text-sm text-indigo-700 hover:underline">
            ← All sessions
          </Link>
        }
      />
      <CreateWorkshopForm
        candidates={candidates.map((c) => ({ id: c.id, label: c.name }))}
        participants={people.map((p) => ({ id: p.id, label: p.name, hint: ROLE_LABELS[p.role as TRole] }))}
      />
    </>
  );
}
