import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getSystemOrThrow } from "@/lib/services/inventory";
import { orNotFound } from "@/lib/http/not-found";
import { SystemForm } from "../../_components/system-form";

export const metadata: Metadata = { title: "Edit system" };

export default async function EditSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("inventory:edit");
  const { id } = await params;
  const system = await orNotFound(getSystemOrThrow(actor, id));
  return (
    <>
      <PageHeader
        title={`Edit ${system.name}`}
        actions={
          <Link href={`/inventory/systems/${id}`} className="text-sm text-indigo-700 hover:underline">
            ← Back to system
          </Link>
        }
      />
      <SystemForm system={system} />
    </>
  );
}
