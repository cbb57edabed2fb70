"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, useFormAction } from "@/components/ui";
import { createWorkshopAction } from "../actions";

type Option = { id: string; label: string; hint?: string };

function CheckList({
  name,
  legend,
  options,
  error,
}: {
  name: string;
  legend: string;
  options: Option[];
  error?: string[];
}) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-2 max-h-80 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-3">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name={name} value={o.id} className="h-4 w-4 rounded border-slate-300" />
            {o.label}
            {o.hint && <span className="text-xs text-slate-500">{o.hint}</span>}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} className="mt-1 text-xs font-medium text-red-600" data-testid={`error-${name}`}>
          {error.join(" ")}
        </p>
      )}
    </fieldset>
  );
}

export function CreateWorkshopForm({ candidates, participants }: { candidates: Option[]; participants: Option[] }) {
  const { state, pending, formProps } = useFormAction(createWorkshopAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/workshops/${state.data.id}/live`);
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="space-y-6" noValidate>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <div className="max-w-lg">
        <FormField id="title" label="Session title" errors={errors?.title}>
          {(a) => <Input {...a} name="title" required autoFocus placeholder="e.g. Q3 prioritization workshop" />}
        </FormField>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <CheckList name="candidateIds" legend="Candidates to score" options={candidates} error={errors?.candidateIds} />
        <CheckList
          name="participantIds"
          legend="Participants to invite"
          options={participants}
          error={errors?.participantIds}
        />
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Opening…" : "Open session"}
      </Button>
    </form>
  );
}
