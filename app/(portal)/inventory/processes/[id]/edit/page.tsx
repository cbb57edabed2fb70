import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getProcessOrThrow, listDepartments, systemOptions } from "@/lib/services/inventory";
import { orNotFound } from "@/lib/http/not-found";
import { ProcessForm } from "../../_components/process-form";

export const metadata: Metadata = { title: "Edit process" };

export default async function EditProcessPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("inventory:edit");
  const { id } = await params;
  const [process, departments, systems] = await Promise.all([
    orNotFound(getProcessOrThrow(actor, id)),
    listDepartments(actor),
    systemOptions(actor),
  ]);
  return (
    <>
      <PageHeader
        title={`Edit ${process.name}`}
        actions={
          <Link href={`/inventory/processes/${id}`} className="text-sm text-indigo-700 hover:underline">
            ← Back to process
          </Link>
        }
      />
      <ProcessForm process={process} departments={departments} systems={systems} />
    </>
  );
}
