"use client";

import { useRef, useState } from "react";
import { Button, ConfirmDialog, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import { deprecateApiVersionAction } from "../actions";

/**
 * Deprecates a published version after a confirmation: from then on every response carries
 * Deprecation, Sunset and Link headers, and after the sunset the gateway answers 410 Gone.
 */
export function DeprecateForm({
  apiVersionId,
  label,
  successors,
  defaultSunset,
  minSunset,
  consumerCount,
}: {
  apiVersionId: string;
  label: string;
  successors: { id: string; label: string }[];
  defaultSunset: string;
  minSunset: string;
  consumerCount: number;
}) {
  const form = useRef<HTMLFormElement>(null);
  const { state, pending, errors, formProps } = useFormAction(deprecateApiVersionAction, form);
  const [summary, setSummary] = useState("");
  const ask = (open: () => void) => {
    const data = new FormData(form.current ?? undefined);
    const successor = successors.find((s) => s.id === data.get("successorId"))?.label;
    setSummary(
      `Sunset ${String(data.get("sunsetAt") || "?")}${successor ? `, successor ${successor}` : ", no successor"}. ${consumerCount ? `${consumerCount} consumer${consumerCount === 1 ? " is" : "s are"} still calling ${label}; their owners are told.` : "No consumer called it recently."}`,
    );
    open();
  };
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label={`Deprecate ${label}`}>
      <input type="hidden" name="apiVersionId" value={apiVersionId} />
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="deprecate-sunset"
          label="Sunset"
          hint="After this day the version answers 410 Gone."
          errors={errors?.sunsetAt}
        >
          {(a) => <Input {...a} type="date" name="sunsetAt" defaultValue={defaultSunset} min={minSunset} />}
        </FormField>
        <FormField id="deprecate-successor" label="Successor" errors={errors?.successorId}>
          {(a) => (
            <Select {...a} name="successorId" defaultValue={successors[0]?.id ?? ""}>
              <option value="">No successor</option>
              {successors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <FormField id="deprecate-note" label="Note to consumers (optional)" errors={errors?.note}>
        {(a) => <Textarea {...a} name="note" rows={2} />}
      </FormField>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <ConfirmDialog
        title={`Deprecate ${label}?`}
        description={<p>{summary}</p>}
        confirmLabel="Deprecate"
        onConfirm={() => form.current?.requestSubmit()}
        trigger={(open) => (
          <Button variant="danger" onClick={() => ask(open)} disabled={pending} aria-busy={pending}>
            {pending ? "Deprecating…" : `Deprecate ${label}`}
          </Button>
        )}
      />
    </form>
  );
}
