import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getInterfaceOrThrow, systemOptions } from "@/lib/services/inventory";
import { orNotFound } from "@/lib/http/not-found";
import { InterfaceForm } from "../../_components/interface-form";

export const metadata: Metadata = { title: "Edit interface" };

export default async function EditInterfacePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("inventory:edit");
  const { id } = await params;
  const [iface, systems] = await Promise.all([orNotFound(getInterfaceOrThrow(actor, id)), systemOptions(actor)]);
  return (
    <>
      <PageHeader
        title={`Edit ${iface.name}`}
        actions={
          <Link href={`/inventory/interfaces/${id}`} className="text-sm text-indigo-700 hover:underline">
            ← Back to interface
          </Link>
        }
      />
      <InterfaceForm iface={iface} systems={systems} />
    </>
  );
}
