import type { Metadata } from "next";
import Link from "next/link";
import { Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { getInterfaceOrThrow } from "@/lib/services/inventory";
import { label } from "@/lib/validation/inventory";
import { orNotFound } from "@/lib/http/not-found";
import { DeleteButton } from "../../_components/delete-button";
import { DetailList } from "../../_components/detail-list";
import { deleteInterfaceAction } from "../actions";

export const metadata: Metadata = { title: "Interface" };

export default async function InterfacePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const actor = await requirePageAccess("inventory:read");
  const { id } = await params;
  const { saved } = await searchParams;
  const i = await orNotFound(getInterfaceOrThrow(actor, id));
  const canEdit = can(actor.role, "inventory:edit");
  const system = (sid: string, name: string) => (
    <Link href={`/inventory/systems/${sid}`} className="text-indigo-700 hover:underline">
      {name}
    </Link>
  );
  return (
    <>
      <PageHeader
        title={i.name}
        description={`${i.source} ${i.direction === "two_way" ? "⇄" : "→"} ${i.target}`}
        actions={
          <>
            <Link href="/inventory/interfaces" className="text-sm text-indigo-700 hover:underline">
              ← All interfaces
            </Link>
            {canEdit && (
              <LinkButton href={`/inventory/interfaces/${i.id}/edit`} variant="primary">
                Edit
              </LinkButton>
            )}
            {canEdit && (
              <DeleteButton
                id={i.id}
                what="this interface"
                description={`“${i.name}” between ${i.source} and ${i.target} will be removed. The audit log keeps a record.`}
                action={deleteInterfaceAction}
                redirectTo="/inventory/interfaces"
              />
            )}
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="success">Interface saved.</Notice>
        </div>
      )}
      <Card title="Interface" className="max-w-3xl">
        <DetailList
          items={[
            { term: "Source", value: system(i.sourceSystemId, i.source) },
            { term: "Target", value: system(i.targetSystemId, i.target) },
            { term: "Direction", value: label(i.direction) },
            { term: "Mechanism", value: label(i.mechanism) },
            { term: "Payload format", value: label(i.payloadFormat) },
            { term: "Frequency", value: label(i.frequency) },
            { term: "Volume / month", value: i.volumePerMonth.toLocaleString("en-US") },
            { term: "Description", value: i.description || "—" },
            { term: "Updated", value: new Date(i.updatedAt).toLocaleString() },
          ]}
        />
      </Card>
    </>
  );
}
