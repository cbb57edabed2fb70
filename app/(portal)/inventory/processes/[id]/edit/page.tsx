import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { AppError } from "@/lib/errors";
import { getProcessOrThrow, listDepartments, systemOptions } from "@/lib/services/inventory";
import { ProcessForm } from "../../_components/process-form";

export const metadata: Metadata = { title: "Edit process" };

export default async function EditProcessPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("inventory:edit");
  const { id } = await params;
  const [process, departments, systems] = await Promise.all([
    getProcessOrThrow(actor, id).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
      throw e;
    }),
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
