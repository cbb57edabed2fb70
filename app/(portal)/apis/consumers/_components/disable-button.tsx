"use client";

import { Button, ConfirmDialog } from "@/components/ui";
import { setConsumerDisabledAction } from "../actions";

export function DisableConsumerButton({ id, name, isDisabled }: { id: string; name: string; isDisabled: boolean }) {
  return (
    <ConfirmDialog
      title={isDisabled ? `Enable ${name}?` : `Disable ${name}?`}
      description={
        isDisabled
          ? "Its active keys and JWT subjects work again."
          : "Every call with its keys or JWT subjects is refused until it is enabled again. Its keys are kept."
      }
      confirmLabel={isDisabled ? "Enable" : "Disable"}
      tone={isDisabled ? "primary" : "danger"}
      trigger={(open) => (
        <Button variant={isDisabled ? "secondary" : "danger"} onClick={open}>
          {isDisabled ? "Enable" : "Disable"}
        </Button>
      )}
      onConfirm={async () => {
        const result = await setConsumerDisabledAction({ id, disabled: !isDisabled });
        if (!result.ok) return result.error;
      }}
    />
  );
}
