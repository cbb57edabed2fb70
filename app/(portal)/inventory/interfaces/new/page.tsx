import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { systemOptions } from "@/lib/services/inventory";
import { InterfaceForm } from "../_components/interface-form";

export const metadata: Metadata = { title: "New interface" };

export default async function NewInterfacePage() {
  const actor = await requirePageAccess("inventory:edit");
  const systems = await systemOptions(actor);
  return (
    <>
      <PageHeader
        title="New interface"
        actions={
          <Link href="/inventory/interfaces" className="text-sm text-indigo-700 hover:underline">
            ← All interfaces
          </Link>
        }
      />
      <InterfaceForm systems={systems} />
    </>
  );
}
