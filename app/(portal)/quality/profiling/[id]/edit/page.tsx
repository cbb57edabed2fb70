import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { flowLookupOption } from "@/lib/services/flows/lookups";
import { getProfileDefinition } from "@/lib/services/quality/profiling";
import { requirePageAccess } from "@/lib/session";
import { DeleteProfile } from "../../_components/delete-profile";
import { ProfileForm } from "../../_components/profile-form";
import { formStateOf } from "../../_lib/form-model";
import { profileEnvironmentOptions, profileStepOptions } from "../../_lib/form-options";

export const metadata: Metadata = { title: "Edit profile" };

export default async function EditProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("quality:manage");
  const { id } = await params;
  const { definition } = await orNotFound(getProfileDefinition(actor, id));
  const [environments, flow, steps] = await Promise.all([
    profileEnvironmentOptions(actor),
    flowLookupOption(actor, definition.flowId ?? undefined),
    // A flow deleted since: the form still opens, with no steps to offer.
    definition.flowId ? profileStepOptions(actor, definition.flowId).catch(() => []) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader
        title={`Edit ${definition.name}`}
        description="Changes apply from the next run; past runs and the baseline stay."
        actions={<DeleteProfile id={definition.id} name={definition.name} />}
      />
      <Card>
        <ProfileForm initial={formStateOf(definition)} environments={environments} flow={flow} steps={steps} />
      </Card>
    </>
  );
}
