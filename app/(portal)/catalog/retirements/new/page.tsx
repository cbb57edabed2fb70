import type { Metadata } from "next";
import Link from "next/link";
import { Card, Notice, PageHeader } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { previewDeprecation } from "@/lib/services/retirements";
import { requirePageAccess } from "@/lib/session";
import { ZSubjectRef } from "@/lib/validation/retirements";
import { localInput } from "../../../changes/_lib/time";
import { ConsumersTable } from "../_components/consumers-table";
import { DeprecateForm } from "../_components/deprecate-form";
import { SubjectPicker } from "../_components/subject-picker";
import { defaultSunset } from "../_lib/default-sunset";
import { CatalogNav } from "../../_components/catalog-nav";

export const metadata: Metadata = { title: "Deprecate" };

export default async function NewRetirementPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string; id?: string }>;
}) {
  const actor = await requirePageAccess("catalog:retire");
  const ref = ZSubjectRef.safeParse(await searchParams);
  if (!ref.success)
    return (
      <>
        <PageHeader
          title="Deprecate a flow or interface"
          description="Choose what to retire. The next step lists its consumers, declared and observed, and who will be told."
        />
        <CatalogNav />
        <Card>
          <SubjectPicker />
        </Card>
      </>
    );
  const preview = await orNotFound(previewDeprecation(actor, ref.data));
  const { subject } = preview;
  return (
    <>
      <PageHeader
        title={`Deprecate ${subject.name}`}
        description={`The ${subject.label}: its consumers are recorded and their owners told now; brownouts warn callers; retiring waits until the traffic has stopped.`}
      />
      <CatalogNav />
      <div className="space-y-6">
        {subject.isRetired ? (
          <Notice tone="warning" title="Already retired">
            The {subject.label} is retired; there is nothing left to deprecate.
          </Notice>
        ) : preview.openRetirementId ? (
          <Notice tone="warning" title="Already deprecated">
            The {subject.label} has an open retirement.{" "}
            <Link href={`/catalog/retirements/${preview.openRetirementId}`} className="font-medium underline">
              Open it
            </Link>{" "}
            to change its brownouts or sunset.
          </Notice>
        ) : null}
        <Card title="Consumers" description="Declared in the inventory and flow specs, and observed in traffic.">
          <ConsumersTable consumers={preview.consumers} caption={`Consumers of ${subject.name}`} />
        </Card>
        <Card
          title="Who will be notified"
          description={
            preview.isFallback
              ? "Nobody owns this subject or its consumers in the catalog, so the integration engineers and admins are told."
              : "The owners of the consumers and of the subject, from the catalog."
          }
        >
          {preview.users.length ? (
            <ul className="flex flex-wrap gap-2 text-sm" aria-label="Recipients">
              {preview.users.map((u) => (
                <li key={u.id} className="rounded-md bg-slate-100 px-2 py-1 text-slate-800">
                  {u.name} <span className="text-slate-500">({u.email})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">Nobody besides you; you are the only owner.</p>
          )}
        </Card>
        {!subject.isRetired && !preview.openRetirementId && (
          <Card title="Schedule">
            <DeprecateForm
              subject={{ kind: subject.kind, id: subject.id, label: subject.label }}
              defaultSunset={localInput(defaultSunset())}
              consumerCount={preview.consumers.length}
              recipientCount={preview.users.length}
            />
          </Card>
        )}
      </div>
    </>
  );
}
