"use client";

import { useRouter } from "next/navigation";
import { Button, ConfirmDialog } from "@/components/ui";
import { deletePlanAction } from "../actions";

/** Asks first; the service refuses while consumers use the plan, and the dialog shows why. */
export function DeletePlanButton({
  id,
  name,
  consumerCount,
  redirectTo,
}: {
  id: string;
  name: string;
  consumerCount: number;
  /** Where to go once it is gone (its own page would 404); the list just refreshes. */
  redirectTo?: string;
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Delete the ${name} plan?`}
      description={
        consumerCount > 0
          ? `${consumerCount} consumer${consumerCount === 1 ? " is" : "s are"} on this plan. Move ${consumerCount === 1 ? "it" : "them"} to another plan first; the plan cannot be deleted while in use.`
          : "No consumer uses it. The plan is removed; the audit log keeps a record."
      }
      confirmLabel="Delete plan"
      trigger={(open) => (
        <Button variant="danger" size="sm" onClick={open} aria-label={`Delete ${name}`}>
          Delete
        </Button>
      )}
      onConfirm={async () => {
        const result = await deletePlanAction({ id });
        if (!result.ok) return result.error;
        if (redirectTo) router.push(redirectTo);
        else router.refresh();
      }}
    />
  );
}
