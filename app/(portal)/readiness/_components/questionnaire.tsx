"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, Select, useFormAction } from "@/components/ui";
import type { TReadinessAnswers } from "@/lib/validation/readiness";
import { saveReadinessAction } from "../actions";

const LIKERT = [1, 2, 3, 4, 5];
const SEVERITY = [
  { v: 0, l: "0 · none" },
  { v: 1, l: "1 · some" },
  { v: 2, l: "2 · clear" },
  { v: 3, l: "3 · strong" },
];
const RESISTANCE: { name: keyof TReadinessAnswers; label: string }[] = [
  { name: "changeFatigue", label: "Change fatigue (too many recent changes)" },
  { name: "priorFailures", label: "Memory of failed projects" },
  { name: "jobSecurityConcern", label: "Concern about jobs or roles" },
  { name: "processAttachment", label: "Attachment to the current way of working" },
];

export function Questionnaire({ departmentId, initial }: { departmentId: string; initial: TReadinessAnswers | null }) {
  const { state, pending, formProps } = useFormAction(saveReadinessAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push("/readiness");
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const a0 = initial ?? {
    bandwidthFte: 1,
    technicalLiteracy: 3,
    sponsorship: 3,
    changeFatigue: 1,
    priorFailures: 1,
    jobSecurityConcern: 1,
    processAttachment: 1,
  };
  return (
    <form {...formProps} className="max-w-2xl space-y-6" noValidate>
      <input type="hidden" name="departmentId" value={departmentId} />
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">Bandwidth and skills</legend>
        <FormField
          id="bandwidthFte"
          label="FTE available for integration work"
          hint="People-time the department can free up during a wave."
          errors={errors?.bandwidthFte}
        >
          {(a) => <Input {...a} name="bandwidthFte" type="number" step="0.1" min="0" defaultValue={a0.bandwidthFte} />}
        </FormField>
        <FormField
          id="technicalLiteracy"
          label="Technical literacy (1 = paper and email, 5 = self-serve with systems and data)"
          errors={errors?.technicalLiteracy}
        >
          {(a) => (
            <Select {...a} name="technicalLiteracy" defaultValue={a0.technicalLiteracy}>
              {LIKERT.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="sponsorship"
          label="Leadership sponsorship (1 = none, 5 = visible executive sponsor)"
          errors={errors?.sponsorship}
        >
          {(a) => (
            <Select {...a} name="sponsorship" defaultValue={a0.sponsorship}>
              {LIKERT.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Resistance indicators</legend>
        {RESISTANCE.map((r) => (
          <FormField key={r.name} id={r.name} label={r.label} errors={errors?.[r.name]}>
            {(a) => (
              <Select {...a} name={r.name} defaultValue={a0[r.name]}>
                {SEVERITY.map((s) => (
                  <option key={s.v} value={s.v}>
                    {s.l}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save assessment"}
      </Button>
    </form>
  );
}
