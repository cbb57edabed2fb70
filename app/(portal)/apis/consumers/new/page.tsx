import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { apiConsumerFormOptions } from "@/lib/services/apis/consumers";
import { requirePageAccess } from "@/lib/session";
import { ConsumerForm } from "../_components/consumer-form";

export const metadata: Metadata = { title: "New consumer" };

export default async function NewApiConsumerPage() {
  const actor = await requirePageAccess("api:keys");
  const options = await apiConsumerFormOptions(actor);
  return (
    <>
      <PageHeader
        title="New consumer"
        actions={
          <Link href="/apis/consumers" className="text-sm text-indigo-700 hover:underline">
            ← All consumers
          </Link>
        }
      />
      <ConsumerForm options={options} />
    </>
  );
}
