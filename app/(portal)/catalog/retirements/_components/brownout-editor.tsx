"use client";

import { useState } from "react";
import { Badge, Button, ConfirmDialog, FormField, Input, Notice, useFormAction } from "@/components/ui";
import { utcFromLocalInput } from "../../../changes/_lib/time";
import { addBrownoutAction, removeBrownoutAction } from "../actions";
import { useRunAction } from "./run-action";
import { formatUtc } from "./status-badge";

export type TBrownoutRow = { id: string; startsAt: string; endsAt: string; state: "past" | "active" | "upcoming" };

const STATE_LABEL = { past: "over", active: "running now", upcoming: "upcoming" } as const;
const STATE_TONE = { past: "neutral", active: "danger", upcoming: "info" } as const;

function RemoveBrownout({ retirementId, window }: { retirementId: string; window: TBrownoutRow }) {
  const { run, pending } = useRunAction();
  const span = `${formatUtc(window.startsAt)} – ${formatUtc(window.endsAt)}`;
  return (
    <ConfirmDialog
      title="Remove this brownout?"
      description={
        window.state === "active"
          ? `The window ${span} is running: removing it ends the 503 answers now.`
          : `The window ${span} will not happen; those already told keep the notice they received.`
      }
      confirmLabel="Remove brownout"
      onConfirm={() => run(() => removeBrownoutAction({ retirementId, brownoutId: window.id }))}
      trigger={(open) => (
        <Button variant="ghost" size="sm" onClick={open} disabled={pending} aria-label={`Remove brownout ${span}`}>
          Remove
        </Button>
      )}
    />
  );
}

function AddBrownout({ retirementId }: { retirementId: string }) {
  const { state, pending, errors, formProps } = useFormAction(addBrownoutAction);
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Add a brownout">
      <input type="hidden" name="retirementId" value={retirementId} />
      <input type="hidden" name="startsAt" value={utcFromLocalInput(start)} />
      <input type="hidden" name="endsAt" value={utcFromLocalInput(end)} />
      <div className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
        <FormField id="brownout-start" label="Starts (UTC)" errors={errors?.startsAt}>
          {(a) => <Input {...a} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
        </FormField>
        <FormField id="brownout-end" label="Ends (UTC)" errors={errors?.endsAt}>
          {(a) => <Input {...a} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />}
        </FormField>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {pending ? "Adding…" : "Add brownout"}
        </Button>
      </div>
      {state && !state.ok && !errors?.startsAt && !errors?.endsAt && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Brownout added; those notified at deprecation were told.</Notice>}
    </form>
  );
}

/** The retirement's brownout windows: each removable (after a confirmation) while it is open, and a form to add one. */
export function BrownoutEditor({
  retirementId,
  brownouts,
  isOpen,
}: {
  retirementId: string;
  brownouts: TBrownoutRow[];
  isOpen: boolean;
}) {
  return (
    <div className="space-y-4">
      {brownouts.length ? (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Brownout windows">
          {brownouts.map((b) => (
            <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="brownout">
              <span className="text-slate-800">
                {formatUtc(b.startsAt)} – {formatUtc(b.endsAt)}
              </span>
              <span className="flex items-center gap-2">
                <Badge tone={STATE_TONE[b.state]}>{STATE_LABEL[b.state]}</Badge>
                {isOpen && b.state !== "past" && <RemoveBrownout retirementId={retirementId} window={b} />}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No brownout windows.</p>
      )}
      {isOpen && <AddBrownout retirementId={retirementId} />}
    </div>
  );
}
