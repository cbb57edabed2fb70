"use client";

import { useId, useState } from "react";
import { Button, ConfirmDialog, Notice, Select } from "@/components/ui";
import { retireAction } from "../actions";
import { useRunAction } from "./run-action";

export type TWaiverChoice = { id: string; label: string };

/**
 * Retire now: without a waiver the server refuses while the traffic is younger than the quiet period
 * (the refusal it would give is shown up front); a waiver is an approved production change of the flow.
 */
export function RetirePanel({
  retirementId,
  subjectLabel,
  refusal,
  waivers,
  effect,
}: {
  retirementId: string;
  subjectLabel: string;
  refusal: string | null;
  waivers: TWaiverChoice[];
  effect: string;
}) {
  const selectId = useId();
  const [waiverChangeId, setWaiver] = useState("");
  const { run, error, pending } = useRunAction();
  const waiver = waivers.find((w) => w.id === waiverChangeId);
  return (
    <div className="space-y-4">
      {refusal && !waiver && !error && (
        <div data-testid="retire-refusal">
          <Notice tone="warning" title="Retiring now would be refused">
            {refusal}
          </Notice>
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
          Waiver
        </label>
        <Select id={selectId} value={waiverChangeId} onChange={(e) => setWaiver(e.target.value)}>
          <option value="">No waiver: retire on the traffic proof</option>
          {waivers.map((w) => (
            <option key={w.id} value={w.id}>
              {w.label}
            </option>
          ))}
        </Select>
        <p className="text-xs text-slate-500">
          {waivers.length
            ? "Approved, implemented or closed production changes that change this flow."
            : "No approved production change binds this flow, so no waiver is available."}
        </p>
      </div>
      <ConfirmDialog
        title={`Retire the ${subjectLabel}?`}
        description={`${effect}${waiver ? ` The quiet period is waived by ${waiver.label}.` : ""} This cannot be undone from here.`}
        confirmLabel="Retire"
        onConfirm={() => run(() => retireAction({ retirementId, waiverChangeId: waiverChangeId || undefined }))}
        trigger={(open) => (
          <Button variant="danger" onClick={open} disabled={pending} aria-busy={pending}>
            {pending ? "Retiring…" : "Retire"}
          </Button>
        )}
      />
      {error && (
        <div data-testid="retire-error">
          <Notice tone="danger">{error}</Notice>
        </div>
      )}
    </div>
  );
}
