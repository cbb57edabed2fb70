"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, MultiCombobox, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import type { CandidateFormOptions } from "@/lib/services/prioritization/candidates";
import type { TLookupOption } from "@/lib/validation/lookup";
import { MAX_LINKED_IDS } from "@/lib/validation/prioritization";
import { searchCandidates, searchInterfaces, searchProcesses } from "../../../_lookups/search";
import { createCandidateAction, updateCandidateAction } from "../actions";

export type CandidateFormValues = {
  candidateId?: string;
  name: string;
  description: string;
  departmentId: string | null;
  effortFte: number;
  /** The linked records with their labels, so the pickers show them without a search. */
  processes: TLookupOption[];
  interfaces: TLookupOption[];
  dependsOn: TLookupOption[];
  useInventoryInputs: boolean;
  volumePerMonth: number;
  manualMinutesPerTxn: number;
  minutesPerTxnAfter: number;
  errorRatePct: number;
  errorRateAfterPct: number;
  costPerError: number;
  loadedCostPerHour: number;
  buildCost: number;
  runCostPerYear: number;
  discountRatePct: number;
  years: number;
};

export const EMPTY_CANDIDATE: CandidateFormValues = {
  name: "",
  description: "",
  departmentId: null,
  effortFte: 1,
  processes: [],
  interfaces: [],
  dependsOn: [],
  useInventoryInputs: true,
  volumePerMonth: 0,
  manualMinutesPerTxn: 0,
  minutesPerTxnAfter: 1,
  errorRatePct: 0,
  errorRateAfterPct: 0,
  costPerError: 0,
  loadedCostPerHour: 55,
  buildCost: 0,
  runCostPerYear: 0,
  discountRatePct: 8,
  years: 5,
};

const NUMBER_FIELDS: { name: keyof CandidateFormValues; label: string; hint?: string; step?: string }[] = [
  {
    name: "volumePerMonth",
    label: "Volume (transactions per month)",
    hint: "Ignored when inventory inputs are used and processes are linked.",
  },
  {
    name: "manualMinutesPerTxn",
    label: "Manual minutes per transaction",
    step: "0.1",
    hint: "Ignored when inventory inputs are used and processes are linked.",
  },
  {
    name: "errorRatePct",
    label: "Error / rework rate today (%)",
    step: "0.1",
    hint: "Ignored when inventory inputs are used and processes are linked.",
  },
  {
    name: "minutesPerTxnAfter",
    label: "Minutes per transaction after integration",
    step: "0.1",
    hint: "Residual handling time, e.g. exception review.",
  },
  { name: "errorRateAfterPct", label: "Error rate after (%)", step: "0.1" },
  { name: "costPerError", label: "Cost per error", step: "1" },
  { name: "loadedCostPerHour", label: "Loaded cost per staff hour", step: "1" },
  { name: "buildCost", label: "Build cost (one-time)", step: "100" },
  { name: "runCostPerYear", label: "Run cost per year", step: "100" },
  { name: "discountRatePct", label: "Discount rate (%)", step: "0.1" },
  { name: "years", label: "NPV horizon (years)", step: "1" },
];

export function CandidateForm({ options, initial }: { options: CandidateFormOptions; initial: CandidateFormValues }) {
  const isEdit = Boolean(initial.candidateId);
  const { state, pending, formProps } = useFormAction(isEdit ? updateCandidateAction : createCandidateAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/candidates/${state.data.id}`);
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="space-y-6" noValidate>
      {isEdit && <input type="hidden" name="candidateId" value={initial.candidateId} />}
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="name" label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={initial.name} required autoFocus />}
        </FormField>
        <FormField
          id="departmentId"
          label="Carrying department"
          errors={errors?.departmentId}
          hint="Its readiness limits how many candidates run per wave."
        >
          {(a) => (
            <Select {...a} name="departmentId" defaultValue={initial.departmentId ?? ""}>
              <option value="">None</option>
              {options.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <div className="md:col-span-2">
          <FormField id="description" label="Description" errors={errors?.description}>
            {(a) => <Textarea {...a} name="description" defaultValue={initial.description} />}
          </FormField>
        </div>
        <FormField id="effortFte" label="Business effort (FTE per wave)" errors={errors?.effortFte}>
          {(a) => <Input {...a} name="effortFte" type="number" step="0.1" min="0.1" defaultValue={initial.effortFte} />}
        </FormField>
      </div>

      <fieldset className="grid gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Scope</legend>
        <FormField
          id="processIds"
          label="Processes"
          errors={errors?.processIds}
          hint="Type part of a process or department name."
        >
          {(a) => (
            <MultiCombobox
              {...a}
              name="processIds"
              search={searchProcesses()}
              defaultValue={initial.processes}
              noun="process"
              nounPlural="processes"
              max={MAX_LINKED_IDS}
            />
          )}
        </FormField>
        <FormField
          id="interfaceIds"
          label="Interfaces"
          errors={errors?.interfaceIds}
          hint="Type part of an interface or system name."
        >
          {(a) => (
            <MultiCombobox
              {...a}
              name="interfaceIds"
              search={searchInterfaces}
              defaultValue={initial.interfaces}
              noun="interface"
              max={MAX_LINKED_IDS}
            />
          )}
        </FormField>
        <FormField
          id="dependsOnIds"
          label="Depends on"
          errors={errors?.dependsOnIds}
          hint="Candidates that must be delivered first."
        >
          {(a) => (
            <MultiCombobox
              {...a}
              name="dependsOnIds"
              search={searchCandidates(initial.candidateId)}
              defaultValue={initial.dependsOn}
              noun="candidate"
              max={MAX_LINKED_IDS}
            />
          )}
        </FormField>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">ROI inputs</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="hidden" name="useInventoryInputs?" value="false" />
          <input
            type="checkbox"
            name="useInventoryInputs?"
            defaultChecked={initial.useInventoryInputs}
            className="h-4 w-4 rounded border-slate-300"
          />
          Take volume, manual minutes and error rate from the linked processes in the inventory
        </label>
        <div className="grid gap-4 md:grid-cols-3">
          {NUMBER_FIELDS.map((f) => (
            <FormField key={f.name} id={f.name} label={f.label} hint={f.hint} errors={errors?.[f.name]}>
              {(a) => (
                <Input
                  {...a}
                  name={f.name}
                  type="number"
                  step={f.step ?? "any"}
                  min="0"
                  defaultValue={String(initial[f.name])}
                />
              )}
            </FormField>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : isEdit ? "Save candidate" : "Create candidate"}
      </Button>
    </form>
  );
}
