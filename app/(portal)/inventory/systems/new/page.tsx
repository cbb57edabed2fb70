import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { SystemForm } from "../_components/system-form";

export const metadata: Metadata = { title: "New system" };

export default async function NewSystemPage() {
  await requirePageAccess("inventory:edit");
  return (
    <>
      <PageHeader
        title="New system"
        actions={
          <Link href="/inventory/systems" className="text-sm text-indigo-700 hover:underline">
            ← All systems
          </Link>
        }
      />
      <SystemForm />
    </>
  );
}
