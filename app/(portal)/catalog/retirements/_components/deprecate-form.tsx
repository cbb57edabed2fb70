"use client";

import { useRef, useState } from "react";
import { Button, ConfirmDialog, FormField, Input, Notice, Textarea, useFormAction } from "@/components/ui";
import { DEFAULT_QUIET_DAYS, MAX_BROWNOUTS } from "@/lib/validation/retirements";
import { utcFromLocalInput } from "../../../changes/_lib/time";
import { deprecateAction } from "../actions";

type TRow = { key: number; start: string; end: string };

/**
 * The deprecation: reason, replacement, sunset, quiet period and brownout windows (times in UTC).
 * Submitting asks first, naming how many consumers and people will be told; the action then opens the retirement.
 */
export function DeprecateForm({
  subject,
  defaultSunset,
  consumerCount,
  recipientCount,
}: {
  subject: { kind: "flow" | "interface"; id: string; label: string };
  defaultSunset: string;
  consumerCount: number;
  recipientCount: number;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const { state, pending, errors, formProps } = useFormAction(deprecateAction, formRef);
  const [sunset, setSunset] = useState(defaultSunset);
  const [rows, setRows] = useState<TRow[]>([]);
  const nextKey = useRef(1);
  const brownouts = rows
    .filter((r) => r.start || r.end)
    .map((r) => ({ startsAt: utcFromLocalInput(r.start), endsAt: utcFromLocalInput(r.end) }));
  const update = (key: number, patch: Partial<TRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const rowError = (i: number, field: "startsAt" | "endsAt") => errors?.[`brownouts.${i}.${field}`];
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Deprecate">
      <input type="hidden" name="subjectKind" value={subject.kind} />
      <input type="hidden" name="subjectId" value={subject.id} />
      <input type="hidden" name="sunsetAt" value={utcFromLocalInput(sunset)} />
      <input type="hidden" name="brownouts" value={JSON.stringify(brownouts)} />
      <FormField id="reason" label="Reason" hint="Shown to the consumers' owners." errors={errors?.reason}>
        {(a) => <Textarea {...a} name="reason" rows={3} required />}
      </FormField>
      <FormField
        id="replacement"
        label="Replacement"
        hint="Where consumers should go instead (a flow, an API, a URL)."
        errors={errors?.replacement}
      >
        {(a) => <Input {...a} name="replacement" />}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="sunsetAt" label="Sunset (UTC)" errors={errors?.sunsetAt}>
          {(a) => <Input {...a} type="datetime-local" value={sunset} onChange={(e) => setSunset(e.target.value)} />}
        </FormField>
        <FormField
          id="quietDays"
          label="Quiet period (days)"
          hint="Retiring is refused until nothing has called it for this long."
          errors={errors?.quietDays}
        >
          {(a) => <Input {...a} name="quietDays" type="number" min={1} defaultValue={DEFAULT_QUIET_DAYS} />}
        </FormField>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Brownout windows (UTC)</legend>
        <p className="text-xs text-slate-500">
          During each window the engine answers the deprecated input with 503 and Retry-After, so callers notice before
          the sunset. Each lasts 1 minute to 24 hours and ends by the sunset.
        </p>
        {rows.map((r, i) => (
          <div key={r.key} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]" data-testid="brownout-row">
            <FormField id={`brownout-${r.key}-start`} label={`Window ${i + 1} starts`} errors={rowError(i, "startsAt")}>
              {(a) => (
                <Input
                  {...a}
                  type="datetime-local"
                  value={r.start}
                  onChange={(e) => update(r.key, { start: e.target.value })}
                />
              )}
            </FormField>
            <FormField id={`brownout-${r.key}-end`} label={`Window ${i + 1} ends`} errors={rowError(i, "endsAt")}>
              {(a) => (
                <Input
                  {...a}
                  type="datetime-local"
                  value={r.end}
                  onChange={(e) => update(r.key, { end: e.target.value })}
                />
              )}
            </FormField>
            <Button variant="ghost" onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}>
              Remove
            </Button>
          </div>
        ))}
        {rows.length < MAX_BROWNOUTS && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setRows((all) => [...all, { key: nextKey.current++, start: "", end: "" }])}
          >
            Add a brownout window
          </Button>
        )}
      </fieldset>
      {state && !state.ok && (
        <div data-testid="deprecate-error">
          <Notice tone="danger">{state.error}</Notice>
        </div>
      )}
      <ConfirmDialog
        title={`Deprecate the ${subject.label}?`}
        description={`${consumerCount} consumer${consumerCount === 1 ? "" : "s"} are recorded, and ${recipientCount} ${recipientCount === 1 ? "person is" : "people are"} notified now. Brownouts start on schedule; you can cancel the retirement until it is retired.`}
        confirmLabel="Deprecate"
        tone="primary"
        onConfirm={() => formRef.current?.requestSubmit()}
        trigger={(open) => (
          <Button onClick={open} disabled={pending} aria-busy={pending}>
            {pending ? "Deprecating…" : "Deprecate"}
          </Button>
        )}
      />
    </form>
  );
}
