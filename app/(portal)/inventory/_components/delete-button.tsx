"use client";

import { useRouter } from "next/navigation";
import { Button, ConfirmDialog } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";

/** Deletes one record after confirmation, then returns to the list. */
export function DeleteButton({
  id,
  what,
  description,
  action,
  redirectTo,
}: {
  id: string;
  what: string;
  description: string;
  action: (raw: { id: string }) => Promise<ActionResult<null>>;
  redirectTo: string;
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Delete ${what}?`}
      description={description}
      confirmLabel="Delete"
      trigger={(open) => (
        <Button variant="danger" onClick={open}>
          Delete
        </Button>
      )}
      onConfirm={async () => {
        const result = await action({ id });
        if (!result.ok) return result.error;
        router.push(redirectTo);
      }}
    />
  );
}
