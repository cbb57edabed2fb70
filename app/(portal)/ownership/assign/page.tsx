import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { ownershipFor, ownershipPeople } from "@/lib/services/ownership/registry";
import { AssignForm } from "../_components/assign-form";

export const metadata: Metadata = { title: "Assign ownership" };

export default async function AssignOwnershipPage({
  searchParams,
}: {
  searchParams: Promise<{ processId?: string; dataDomainId?: string }>;
}) {
  const actor = await requirePageAccess("ownership:manage");
  const { processId, dataDomainId } = await searchParams;
  const scope = processId ? { processId } : dataDomainId ? { dataDomainId } : null;
  if (!scope) notFound();
  const [current, people] = await Promise.all([ownershipFor(actor, scope), ownershipPeople(actor)]);
  if (!current) notFound();
  return (
    <>
      <PageHeader
        title={`Ownership of ${current.name}`}
        description={processId ? "Process" : "Data domain"}
        actions={
          <Link href="/ownership" className="text-sm text-indigo-700 hover:underline">
            ← Ownership registry
          </Link>
        }
      />
      <AssignForm scope={scope} people={people} initial={current} />
    </>
  );
}
