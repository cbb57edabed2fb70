"use client";

import { useState } from "react";
import { Badge, Button, Input, Notice, useFormAction } from "@/components/ui";
import type { TRestorationPlan, TRestorationStep } from "@/lib/services/changes/restoration";
import { StateBadge } from "../../flows/_components/state-badge";
import { executeRestorationStepAction, skipRestorationStepAction } from "../actions";

function StepRow({ step, canExecute }: { step: TRestorationStep; canExecute: boolean }) {
  const exec = useFormAction(executeRestorationStepAction);
  const skip = useFormAction(skipRestorationStepAction);
  const [note, setNote] = useState("");
  const error =
    (exec.state && !exec.state.ok && exec.state.error) || (skip.state && !skip.state.ok && skip.state.error);
  const isOpen = step.status === "pending" || step.status === "failed";
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid="restoration-step">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-xs text-slate-500">#{step.seq}</span>
        <Badge tone={step.kind === "replay" ? "info" : "warning"}>{step.kind}</Badge>
        <StateBadge state={step.status} />
        <span className="text-slate-800">{step.description}</span>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        message <code>{step.messageId}</code>
        {step.doneBy
          ? ` · ${step.status} by ${step.doneBy} ${step.doneAt ? new Date(step.doneAt).toLocaleString() : ""}`
          : ""}
        {step.note ? ` · “${step.note}”` : ""}
      </p>
      {canExecute && isOpen && (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <label className="sr-only" htmlFor={`note-${step.id}`}>
            Note for step {step.seq}
          </label>
          <Input
            id={`note-${step.id}`}
            className="w-64 py-1"
            placeholder="Note (optional)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <form {...exec.formProps}>
            <input type="hidden" name="stepId" value={step.id} />
            <input type="hidden" name="note" value={note} />
            {step.canReplay && <input type="hidden" name="replay" value="true" />}
            <Button type="submit" size="sm" disabled={exec.pending} aria-busy={exec.pending}>
              {step.kind === "replay" || step.canReplay ? "Replay on good version" : "Mark compensated"}
            </Button>
          </form>
          <form {...skip.formProps}>
            <input type="hidden" name="stepId" value={step.id} />
            <input type="hidden" name="note" value={note} />
            <Button type="submit" size="sm" variant="ghost" disabled={skip.pending}>
              Skip
            </Button>
          </form>
        </div>
      )}
      {error && (
        <div className="mt-2">
          <Notice tone="danger">{error}</Notice>
        </div>
      )}
    </li>
  );
}

/** The data-state restoration plan of a rollback: progress, then each step with execute/skip. */
export function RestorationPlanView({ plan, canExecute }: { plan: TRestorationPlan; canExecute: boolean }) {
  const total = plan.steps.length;
  const finished = plan.counts.done + plan.counts.skipped;
  const pct = total ? Math.round((finished / total) * 100) : 100;
  return (
    <div className="space-y-3" data-testid="restoration-plan">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge tone={plan.status === "done" ? "success" : "warning"}>{plan.status}</Badge>
        <span data-testid="restoration-progress">
          {finished} of {total} step{total === 1 ? "" : "s"} finished ({plan.counts.done} done, {plan.counts.skipped}{" "}
          skipped{plan.counts.failed ? `, ${plan.counts.failed} failed` : ""})
        </span>
      </div>
      <div
        className="h-2 w-full rounded-full bg-slate-100"
        role="progressbar"
        aria-label="Restoration progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="h-2 rounded-full bg-emerald-500" style={{ width: `${pct}%` }} />
      </div>
      {total === 0 ? (
        <p className="text-sm text-slate-600">
          The bad version handled no message (yet): nothing to replay or compensate. Late lineage is added when this
          page is opened again.
        </p>
      ) : (
        <ol className="space-y-2">
          {plan.steps.map((s) => (
            <StepRow key={s.id} step={s} canExecute={canExecute} />
          ))}
        </ol>
      )}
    </div>
  );
}
