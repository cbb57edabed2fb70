"use client";

import { useState } from "react";
import { Button, ConfirmDialog, FormField, Input, Notice, useFormAction } from "@/components/ui";
import { utcFromLocalInput } from "../../../changes/_lib/time";
import { cancelRetirementAction, rescheduleSunsetAction } from "../actions";
import { useRunAction } from "./run-action";

/** Moves the sunset; those notified at deprecation hear the new date. */
export function SunsetForm({ retirementId, sunsetAt }: { retirementId: string; sunsetAt: string }) {
  const { state, pending, errors, formProps } = useFormAction(rescheduleSunsetAction);
  const [value, setValue] = useState(sunsetAt.slice(0, 16));
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Move the sunset">
      <input type="hidden" name="retirementId" value={retirementId} />
      <input type="hidden" name="sunsetAt" value={utcFromLocalInput(value)} />
      <div className="flex flex-wrap items-end gap-3">
        <FormField id="new-sunset" label="Sunset (UTC)" errors={errors?.sunsetAt}>
          {(a) => <Input {...a} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Move sunset"}
        </Button>
      </div>
      {state && !state.ok && !errors?.sunsetAt && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Sunset moved; those notified were told.</Notice>}
    </form>
  );
}

export function CancelRetirementButton({ retirementId, subjectLabel }: { retirementId: string; subjectLabel: string }) {
  const { run, error, pending } = useRunAction();
  return (
    <div className="space-y-2">
      <ConfirmDialog
        title="Cancel this retirement?"
        description={`The ${subjectLabel} stays in service: no more brownouts, and a flow is back in production in the catalog. Those notified are told.`}
        confirmLabel="Cancel retirement"
        onConfirm={() => run(() => cancelRetirementAction({ retirementId, reason: "" }))}
        trigger={(open) => (
          <Button variant="secondary" onClick={open} disabled={pending}>
            Cancel retirement
          </Button>
        )}
      />
      {error && <Notice tone="danger">{error}</Notice>}
    </div>
  );
}
