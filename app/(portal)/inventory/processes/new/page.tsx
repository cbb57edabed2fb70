import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { listDepartments, systemOptions } from "@/lib/services/inventory";
import { ProcessForm } from "../_components/process-form";

export const metadata: Metadata = { title: "New process" };

export default async function NewProcessPage() {
  const actor = await requirePageAccess("inventory:edit");
  const [departments, systems] = await Promise.all([listDepartments(actor), systemOptions(actor)]);
  return (
    <>
      <PageHeader
        title="New process"
        actions={
          <Link href="/inventory/processes" className="text-sm text-indigo-700 hover:underline">
            ← All processes
          </Link>
        }
      />
      <ProcessForm departments={departments} systems={systems} />
    </>
  );
}
