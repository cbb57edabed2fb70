"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button, ConfirmDialog, FormField, Input, Notice, Textarea, useFormAction } from "@/components/ui";
import {
  cancelChangeAction,
  closeChangeAction,
  decideChangeAction,
  implementChangeAction,
  recordReviewAction,
  rescheduleChangeAction,
} from "../actions";
import { utcFromLocalInput } from "../_lib/time";

/** Approve or reject, with a comment; a rejection asks for one. */
export function DecisionForm({
  changeId,
  label,
  compact = false,
}: {
  changeId: string;
  label: string;
  compact?: boolean;
}) {
  const { state, pending, formProps, errors } = useFormAction(decideChangeAction);
  return (
    <form {...formProps} className="space-y-3 print:hidden" noValidate aria-label={`Vote on ${label}`}>
      <input type="hidden" name="changeId" value={changeId} />
      <FormField
        id={`decision-comment-${changeId}`}
        label={compact ? `Comment on ${label}` : "Comment"}
        hint="What you checked, or what must change before you approve."
        errors={errors?.comment}
      >
        {(a) => <Textarea {...a} name="comment" rows={compact ? 2 : 3} className={compact ? "min-h-12" : undefined} />}
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending} aria-busy={pending}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="reject" variant="danger" disabled={pending}>
          Reject
        </Button>
      </div>
      {state && !state.ok && (
        <div data-testid="decision-error">
          <Notice tone="danger">{state.error}</Notice>
        </div>
      )}
      {state?.ok && (
        <Notice tone="success">
          Vote recorded{state.data.asDataOwner ? " as the accountable data owner" : ""}. The change is now{" "}
          {state.data.status.replace(/_/g, " ")}.
        </Notice>
      )}
    </form>
  );
}

/** A button that runs one action and shows its error in place (separation of duties, window). */
function ActionButton({
  label,
  pendingLabel,
  run,
  variant = "primary",
  confirm,
}: {
  label: string;
  pendingLabel: string;
  run: () => Promise<{ ok: true } | { ok: false; error: string }>;
  variant?: "primary" | "secondary" | "danger";
  confirm?: { title: string; description: string; confirmLabel: string };
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const go = () =>
    new Promise<string | void>((resolve) =>
      start(async () => {
        const r = await run();
        if (r.ok) {
          setError(null);
          router.refresh();
          resolve();
        } else {
          setError(r.error);
          resolve(confirm ? r.error : undefined);
        }
      }),
    );
  return (
    <div className="space-y-2">
      {confirm ? (
        <ConfirmDialog
          title={confirm.title}
          description={confirm.description}
          confirmLabel={confirm.confirmLabel}
          tone={variant === "danger" ? "danger" : "primary"}
          onConfirm={go}
          trigger={(open) => (
            <Button variant={variant} onClick={open} disabled={pending}>
              {label}
            </Button>
          )}
        />
      ) : (
        <Button variant={variant} onClick={() => void go()} disabled={pending} aria-busy={pending}>
          {pending ? pendingLabel : label}
        </Button>
      )}
      {error && (
        <div data-testid="action-error">
          <Notice tone="danger">{error}</Notice>
        </div>
      )}
    </div>
  );
}

const unwrap = async (p: Promise<{ ok: true } | { ok: false; error: string }>) => {
  const r = await p;
  return r.ok ? ({ ok: true } as const) : ({ ok: false, error: r.error } as const);
};

export function ImplementButton({
  changeId,
  label,
  blockedReason,
}: {
  changeId: string;
  label: string;
  blockedReason: string | null;
}) {
  return (
    <div className="space-y-2">
      <ActionButton
        label="Implement"
        pendingLabel="Implementing…"
        run={() => unwrap(implementChangeAction({ changeId }))}
        confirm={{
          title: `Implement ${label}?`,
          description:
            "Deploys every version this change binds; the engine activates them and checks the approval and the hash again.",
          confirmLabel: "Implement",
        }}
      />
      {blockedReason && <p className="text-xs text-slate-600">Note: {blockedReason}</p>}
    </div>
  );
}

export function CancelButton({ changeId, label }: { changeId: string; label: string }) {
  return (
    <ActionButton
      label="Cancel change"
      pendingLabel="Cancelling…"
      variant="secondary"
      run={() => unwrap(cancelChangeAction({ changeId, reason: "" }))}
      confirm={{
        title: `Cancel ${label}?`,
        description: "The change will not be implemented. Open a new one to deploy these versions later.",
        confirmLabel: "Cancel change",
      }}
    />
  );
}

export function CloseButton({ changeId, label }: { changeId: string; label: string }) {
  return (
    <ActionButton
      label="Close change"
      pendingLabel="Closing…"
      variant="secondary"
      run={() => unwrap(closeChangeAction({ changeId }))}
      confirm={{
        title: `Close ${label}?`,
        description: "Closing records that the change is complete.",
        confirmLabel: "Close change",
      }}
    />
  );
}

export function RescheduleForm({
  changeId,
  windowStart,
  windowEnd,
}: {
  changeId: string;
  windowStart: string;
  windowEnd: string;
}) {
  const { state, pending, formProps, errors } = useFormAction(rescheduleChangeAction);
  const [start, setStart] = useState(windowStart.slice(0, 16));
  const [end, setEnd] = useState(windowEnd.slice(0, 16));
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Reschedule">
      <input type="hidden" name="changeId" value={changeId} />
      <input type="hidden" name="windowStart" value={utcFromLocalInput(start)} />
      <input type="hidden" name="windowEnd" value={utcFromLocalInput(end)} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="reschedule-start" label="New window start (UTC)" errors={errors?.windowStart}>
          {(a) => <Input {...a} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
        </FormField>
        <FormField id="reschedule-end" label="New window end (UTC)" errors={errors?.windowEnd}>
          {(a) => <Input {...a} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />}
        </FormField>
      </div>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        Reschedule
      </Button>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && (
        <Notice tone="success">
          Rescheduled; {state.data.conflicts} conflict(s) found.{" "}
          {state.data.status === "submitted" ? "The change goes back to the CAB." : ""}
        </Notice>
      )}
    </form>
  );
}

export function ReviewForm({ changeId }: { changeId: string }) {
  const { state, pending, formProps, errors } = useFormAction(recordReviewAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Post-implementation review">
      <input type="hidden" name="changeId" value={changeId} />
      <FormField
        id="pir-summary"
        label="Review summary"
        hint="What happened, why the emergency path was needed, what follows."
        errors={errors?.summary}
      >
        {(a) => <Textarea {...a} name="summary" rows={4} />}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        Record review
      </Button>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Review recorded.</Notice>}
    </form>
  );
}
