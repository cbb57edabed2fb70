import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { ProfileForm } from "../_components/profile-form";
import { emptyFormState } from "../_lib/form-model";
import { profileEnvironmentOptions } from "../_lib/form-options";

export const metadata: Metadata = { title: "New profile" };

export default async function NewProfilePage() {
  const actor = await requirePageAccess("quality:manage");
  const environments = await profileEnvironmentOptions(actor);
  return (
    <>
      <PageHeader
        title="New profile"
        description="What to profile, how often, and when a change against the baseline counts as an anomaly."
      />
      <Card>
        <ProfileForm initial={emptyFormState()} environments={environments} flow={null} steps={[]} />
      </Card>
    </>
  );
}
