"use client";

import { Button, Combobox, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import type { GovernanceRuleRow } from "@/lib/services/prioritization/governance-records";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchProcesses } from "../../../_lookups/search";
import { recordReviewAction, saveDecisionAction, saveRuleAction } from "../actions";

function Result({ state }: { state: Awaited<ReturnType<typeof saveRuleAction>> | null }) {
  if (!state) return null;
  return state.ok ? <p className="text-sm text-emerald-700">Saved.</p> : <Notice tone="danger">{state.error}</Notice>;
}

export function RuleForm({ rule }: { rule?: GovernanceRuleRow }) {
  const { state, pending, formProps } = useFormAction(saveRuleAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const p = rule?.id ?? "new-rule";
  return (
    <form
      {...formProps}
      className="grid items-end gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-6"
      noValidate
      aria-label={rule ? `Rule ${rule.name}` : "New rule"}
    >
      {rule && <input type="hidden" name="ruleId" value={rule.id} />}
      <div className="md:col-span-2">
        <FormField id={`${p}-name`} label="Rule" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={rule?.name} />}
        </FormField>
      </div>
      <FormField id={`${p}-metric`} label="Metric" errors={errors?.metric}>
        {(a) => (
          <Select {...a} name="metric" defaultValue={rule?.metric ?? "customization_score"}>
            <option value="customization_score">Customization score</option>
            <option value="deviation_count">Deviations from reference</option>
          </Select>
        )}
      </FormField>
      <FormField id={`${p}-operator`} label="Operator" errors={errors?.operator}>
        {(a) => (
          <Select {...a} name="operator" defaultValue={rule?.operator ?? ">="}>
            <option value=">=">≥</option>
            <option value=">">&gt;</option>
          </Select>
        )}
      </FormField>
      <FormField id={`${p}-threshold`} label="Threshold" errors={errors?.threshold}>
        {(a) => <Input {...a} name="threshold" type="number" step="1" min="0" defaultValue={rule?.threshold ?? 4} />}
      </FormField>
      <div className="flex items-center gap-3 pb-1">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="hidden" name="isActive?" value="false" />
          <input
            type="checkbox"
            name="isActive?"
            defaultChecked={rule?.isActive ?? true}
            className="h-4 w-4 rounded border-slate-300"
          />
          Active
        </label>
        <Button type="submit" size="sm" disabled={pending}>
          {rule ? "Save" : "Add rule"}
        </Button>
      </div>
      <div className="md:col-span-6">
        <Result state={state} />
      </div>
    </form>
  );
}

type FieldA11y = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

function ProcessPicker({ a, defaultValue }: { a: FieldA11y; defaultValue?: TLookupOption | null }) {
  return (
    <Combobox
      {...a}
      name="processId"
      search={searchProcesses()}
      defaultValue={defaultValue ?? null}
      noun="process"
      nounPlural="processes"
      placeholder="Type part of a process or department name"
    />
  );
}

export function DecisionForm() {
  const { state, pending, formProps } = useFormAction(saveDecisionAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Record a process decision">
      <FormField id="decision-processId" label="Process" errors={errors?.processId}>
        {(a) => <ProcessPicker a={a} />}
      </FormField>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id="decision-decision" label="Decision" errors={errors?.decision}>
          {(a) => (
            <Select {...a} name="decision" defaultValue="standardize">
              <option value="standardize">Standardize</option>
              <option value="customize">Customize</option>
            </Select>
          )}
        </FormField>
        <FormField id="decision-customizationScore" label="Customization (1–5)" errors={errors?.customizationScore}>
          {(a) => <Input {...a} name="customizationScore" type="number" min="1" max="5" defaultValue={1} />}
        </FormField>
        <FormField id="decision-deviationCount" label="Deviations from reference" errors={errors?.deviationCount}>
          {(a) => <Input {...a} name="deviationCount" type="number" min="0" defaultValue={0} />}
        </FormField>
      </div>
      <FormField id="decision-rationale" label="Rationale" errors={errors?.rationale}>
        {(a) => <Textarea {...a} name="rationale" />}
      </FormField>
      <Button type="submit" disabled={pending}>
        Save decision
      </Button>
      <Result state={state} />
    </form>
  );
}

export function ReviewForm({ defaultProcess }: { defaultProcess?: TLookupOption | null }) {
  const { state, pending, formProps } = useFormAction(recordReviewAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="space-y-3" noValidate aria-label="Record an architecture review">
      <FormField id="review-processId" label="Process" errors={errors?.processId}>
        {(a) => <ProcessPicker a={a} defaultValue={defaultProcess} />}
      </FormField>
      <FormField id="review-outcome" label="Outcome" errors={errors?.outcome}>
        {(a) => (
          <Select {...a} name="outcome" defaultValue="approved">
            <option value="approved">Approved (resolves the breach)</option>
            <option value="changes_requested">Changes requested</option>
            <option value="rejected">Rejected</option>
          </Select>
        )}
      </FormField>
      <FormField id="review-notes" label="Notes" errors={errors?.notes}>
        {(a) => <Textarea {...a} name="notes" />}
      </FormField>
      <Button type="submit" disabled={pending}>
        Record review
      </Button>
      <Result state={state} />
    </form>
  );
}
