"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button, ConfirmDialog, Input, Notice, Textarea } from "@/components/ui";
import { fixQuarantineAction, rejectQuarantineAction, resubmitQuarantineAction } from "../actions";

/** The fix editor (JSON, re-checked against the deployed rule set), resubmit and reject for one pending entry. */
export function EntryActions({
  id,
  record,
  isRecordMasked = false,
}: {
  id: string;
  record: unknown;
  /** Shown masked to this viewer: a fix would save the masks, so only resubmit and reject are offered. */
  isRecordMasked?: boolean;
}) {
  const router = useRouter();
  const editorId = useId();
  const [text, setText] = useState(() => JSON.stringify(record, null, 2));
  const [recheck, setRecheck] = useState(true);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const save = (resubmit: boolean) =>
    startTransition(async () => {
      setNotice(null);
      const r = await fixQuarantineAction({ id, record: text, recheck, resubmit });
      if (!r.ok) {
        setErrors([r.error, ...(r.fieldErrors?.record ?? [])]);
        return;
      }
      setErrors([]);
      setNotice(
        r.data.resubmitted
          ? "Fix saved and queued for resubmission."
          : r.data.recheck
            ? `Fix saved; it passes v${r.data.recheck.ruleSetVersion} of the rule set.`
            : "Fix saved (not re-checked).",
      );
      router.refresh();
    });

  const resubmit = () =>
    startTransition(async () => {
      const r = await resubmitQuarantineAction({ ids: [id] });
      if (!r.ok) setErrors([r.error]);
      else if (r.data.skipped.length) setErrors(["Not resubmitted: it is no longer pending."]);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {isRecordMasked ? (
        <Notice title="Fixing is off for you">
          Classified fields of this record are masked for you, and a fix would send the masks downstream. Resubmit it as
          is or reject it, or ask someone allowed to view sensitive data to fix it.
        </Notice>
      ) : (
        <>
          <label htmlFor={editorId} className="block text-sm font-medium text-slate-700">
            Fix the record (JSON)
          </label>
          <Textarea
            id={editorId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={Math.min(24, Math.max(6, text.split("\n").length + 1))}
            className="font-mono text-xs"
            aria-invalid={errors.length ? "true" : undefined}
            aria-describedby={errors.length ? `${editorId}-errors` : undefined}
            spellCheck={false}
          />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={recheck}
              onChange={(e) => setRecheck(e.target.checked)}
              className="h-4 w-4"
            />
            Check the fix against the rule set deployed in this environment before saving
          </label>
        </>
      )}
      {errors.length > 0 && (
        <div id={`${editorId}-errors`}>
          <Notice tone="danger" title={errors[0]}>
            {errors.length > 1 && (
              <ul className="list-disc pl-5">
                {errors.slice(1).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </Notice>
        </div>
      )}
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="flex flex-wrap gap-2">
        {!isRecordMasked && (
          <>
            <Button onClick={() => save(true)} disabled={pending} aria-busy={pending}>
              Save fix and resubmit
            </Button>
            <Button variant="secondary" onClick={() => save(false)} disabled={pending}>
              Save fix
            </Button>
          </>
        )}
        <Button variant="secondary" onClick={resubmit} disabled={pending}>
          Resubmit as is
        </Button>
        <ConfirmDialog
          title="Reject this record?"
          description={
            <label className="block space-y-1">
              <span>A rejected record never goes downstream; the entry stays, marked rejected. Why?</span>
              <Input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason for rejecting" />
            </label>
          }
          confirmLabel="Reject"
          onConfirm={async () => {
            const r = await rejectQuarantineAction({ ids: [id], reason });
            if (!r.ok) return r.error;
            router.refresh();
          }}
          trigger={(open) => (
            <Button variant="danger" onClick={open} disabled={pending}>
              Reject…
            </Button>
          )}
        />
      </div>
    </div>
  );
}
