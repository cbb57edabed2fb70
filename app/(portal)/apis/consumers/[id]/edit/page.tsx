import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { apiConsumerFormOptions, getApiConsumerOrThrow } from "@/lib/services/apis/consumers";
import { requirePageAccess } from "@/lib/session";
import { ConsumerForm } from "../../_components/consumer-form";

export const metadata: Metadata = { title: "Edit consumer" };

export default async function EditApiConsumerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("api:keys");
  const { id } = await params;
  const [consumer, options] = await Promise.all([
    orNotFound(getApiConsumerOrThrow(actor, id)),
    apiConsumerFormOptions(actor),
  ]);
  return (
    <>
      <PageHeader
        title={`Edit ${consumer.name}`}
        actions={
          <Link href={`/apis/consumers/${consumer.id}`} className="text-sm text-indigo-700 hover:underline">
            ← Back to {consumer.name}
          </Link>
        }
      />
      <ConsumerForm consumer={consumer} options={options} />
    </>
  );
}
