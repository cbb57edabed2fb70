"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button, ConfirmDialog, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import { discardDeadLettersAction, editAndReplayAction, replayDeadLettersAction } from "../actions";

type Target = { id: string; version: number };

function VersionSelect({
  id,
  name,
  targets,
  currentVersion,
  value,
  onChange,
}: {
  id: string;
  name?: string;
  targets: Target[];
  currentVersion: number;
  value?: string;
  onChange?: (v: string) => void;
}) {
  return (
    <FormField id={id} label="Replay to version" hint="The version it failed on, or a newer one with a fix.">
      {(a) => (
        <Select {...a} name={name} value={value} onChange={onChange ? (e) => onChange(e.target.value) : undefined}>
          {targets.map((t) => (
            <option key={t.id} value={t.version === currentVersion ? "" : t.id}>
              v{t.version}
              {t.version === currentVersion ? " (failed version)" : ""}
            </option>
          ))}
        </Select>
      )}
    </FormField>
  );
}

/** Replay, edit-and-replay (dialog) and discard for one pending dead letter. */
export function DeadLetterActions({
  id,
  body,
  targets,
  currentVersion,
  isPayloadMasked = false,
}: {
  id: string;
  body: string;
  targets: Target[];
  currentVersion: number;
  /** The viewer sees classified fields masked: editing would replay the masks, so only plain replay is offered. */
  isPayloadMasked?: boolean;
}) {
  const router = useRouter();
  const [target, setTarget] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const dialog = useRef<HTMLDialogElement>(null);
  const { state, pending: saving, formProps } = useFormAction(editAndReplayAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  useEffect(() => {
    if (state?.ok) {
      dialog.current?.close();
      router.refresh();
    }
  }, [state, router]);

  const replay = () =>
    startTransition(async () => {
      const r = await replayDeadLettersAction({ ids: [id], targetVersionId: target });
      if (!r.ok) setError(r.error);
      else if (r.data.skipped.length) setError(`Not replayed: ${r.data.skipped[0].reason}.`);
      else router.refresh();
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <VersionSelect
            id="replay-target"
            targets={targets}
            currentVersion={currentVersion}
            value={target}
            onChange={setTarget}
          />
        </div>
        <Button onClick={replay} disabled={pending} aria-busy={pending}>
          Replay
        </Button>
        <Button
          variant="secondary"
          onClick={() => dialog.current?.showModal()}
          disabled={isPayloadMasked}
          aria-describedby={isPayloadMasked ? "edit-replay-masked" : undefined}
        >
          Edit and replay…
        </Button>
        <ConfirmDialog
          title="Discard this message?"
          description="It will never be delivered. The record stays, marked discarded, and the audit log names you."
          confirmLabel="Discard"
          onConfirm={async () => {
            const r = await discardDeadLettersAction({ ids: [id] });
            if (!r.ok) return r.error;
            router.refresh();
          }}
          trigger={(open) => (
            <Button variant="danger" onClick={open}>
              Discard
            </Button>
          )}
        />
      </div>
      {isPayloadMasked && (
        <p id="edit-replay-masked" className="text-xs text-slate-600">
          Editing is off: classified fields of this payload are masked for you, and an edit would replay the masks.
          Replay it unchanged, or ask someone allowed to view sensitive data.
        </p>
      )}
      {error && <Notice tone="danger">{error}</Notice>}
      <dialog
        ref={dialog}
        aria-labelledby="edit-replay-title"
        className="m-auto w-full max-w-3xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form {...formProps} className="space-y-4 p-6" noValidate>
          <h2 id="edit-replay-title" className="text-lg font-semibold text-slate-900">
            Edit payload and replay
          </h2>
          <p className="text-sm text-slate-600">
            The original stays on record; the audit log keeps the payload before and after, with your reason.
          </p>
          <input type="hidden" name="id" value={id} />
          <FormField id="edit-body" label="Payload" errors={errors?.body}>
            {(a) => (
              <Textarea
                {...a}
                name="body"
                rows={14}
                defaultValue={body}
                spellCheck={false}
                className="font-mono text-xs"
              />
            )}
          </FormField>
          <FormField id="edit-reason" label="Reason for the change" errors={errors?.reason}>
            {(a) => <Input {...a} name="reason" required />}
          </FormField>
          <div className="w-56">
            <VersionSelect id="edit-target" name="targetVersionId" targets={targets} currentVersion={currentVersion} />
          </div>
          {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={saving} aria-busy={saving}>
              {saving ? "Replaying…" : "Replay with this payload"}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
