"use client";

import { useRouter } from "next/navigation";
import { Button, ConfirmDialog } from "@/components/ui";
import { archiveRuleSetAction, restoreRuleSetAction } from "../actions";

/** Archive (refused while an environment enforces it; the dialog says where) or restore a rule set. */
export function ArchiveRuleSet({
  ruleSetId,
  ruleSetKey,
  isArchived,
}: {
  ruleSetId: string;
  ruleSetKey: string;
  isArchived: boolean;
}) {
  const router = useRouter();
  if (isArchived)
    return (
      <ConfirmDialog
        title={`Restore ${ruleSetKey}?`}
        tone="primary"
        confirmLabel="Restore"
        description="It returns to the list and takes new versions again. Nothing is deployed: deploy a version to enforce it."
        onConfirm={async () => {
          const r = await restoreRuleSetAction({ ruleSetId });
          if (!r.ok) return r.error;
          router.refresh();
        }}
        trigger={(open) => (
          <Button variant="primary" onClick={open}>
            Restore rule set
          </Button>
        )}
      />
    );
  return (
    <ConfirmDialog
      title={`Archive ${ruleSetKey}?`}
      confirmLabel="Archive"
      description="An archived rule set leaves the list, takes no new versions and cannot be deployed until it is restored. Its versions, deployment history and quarantined records stay. It must not be enforced anywhere: undeploy it first."
      onConfirm={async () => {
        const r = await archiveRuleSetAction({ ruleSetId });
        if (!r.ok) return r.error;
        router.refresh();
      }}
      trigger={(open) => (
        <Button variant="secondary" onClick={open}>
          Archive rule set
        </Button>
      )}
    />
  );
}
