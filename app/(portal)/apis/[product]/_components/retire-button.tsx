"use client";

import { Button, ConfirmDialog } from "@/components/ui";
import { retireApiVersionAction } from "../actions";

export function RetireButton({ apiVersionId, label }: { apiVersionId: string; label: string }) {
  return (
    <ConfirmDialog
      title={`Retire ${label}?`}
      description="A retired version takes no revisions and is never published again; the gateway keeps answering 410 Gone with its successor."
      confirmLabel="Retire"
      onConfirm={async () => {
        const result = await retireApiVersionAction({ apiVersionId });
        if (!result.ok) return result.error;
      }}
      trigger={(open) => (
        <Button variant="danger" onClick={open}>
          Retire {label}
        </Button>
      )}
    />
  );
}
