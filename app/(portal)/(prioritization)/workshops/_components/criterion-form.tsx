"use client";

import { Button, FormField, Input, Notice, useFormAction } from "@/components/ui";
import type { CriterionRow } from "@/lib/services/prioritization/criteria";
import { saveCriterionAction } from "../actions";

/** One form per criterion (and one blank form to add a criterion); the key identifies it. */
export function CriterionForm({ criterion }: { criterion?: CriterionRow }) {
  const { state, pending, formProps } = useFormAction(saveCriterionAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const p = criterion?.key ?? "new";
  return (
    <form
      {...formProps}
      className="grid items-end gap-3 rounded-md border border-slate-200 bg-white p-3 md:grid-cols-6"
      noValidate
      aria-label={criterion ? `Criterion ${criterion.label}` : "New criterion"}
    >
      {criterion ? (
        <div className="pb-2">
          <input type="hidden" name="key" value={criterion.key} />
          <p className="text-sm font-semibold text-slate-900">{criterion.label}</p>
          <p className="font-mono text-xs text-slate-500">{criterion.key}</p>
        </div>
      ) : (
        <FormField id={`${p}-key`} label="Key" errors={errors?.key}>
          {(a) => <Input {...a} name="key" placeholder="data_quality" />}
        </FormField>
      )}
      <FormField id={`${p}-label`} label="Label" errors={errors?.label}>
        {(a) => <Input {...a} name="label" defaultValue={criterion?.label} />}
      </FormField>
      <FormField id={`${p}-weight`} label="Weight" errors={errors?.weight}>
        {(a) => <Input {...a} name="weight" type="number" min="0" step="1" defaultValue={criterion?.weight ?? 10} />}
      </FormField>
      <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
        <input type="hidden" name="isInverted?" value="false" />
        <input
          type="checkbox"
          name="isInverted?"
          defaultChecked={criterion?.isInverted}
          className="h-4 w-4 rounded border-slate-300"
        />
        Higher is worse
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
        <input type="hidden" name="isActive?" value="false" />
        <input
          type="checkbox"
          name="isActive?"
          defaultChecked={criterion?.isActive ?? true}
          className="h-4 w-4 rounded border-slate-300"
        />
        Active
      </label>
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {criterion ? "Save" : "Add"}
        </Button>
        {state?.ok && <span className="text-xs text-emerald-700">Saved</span>}
      </div>
      {state && !state.ok && (
        <div className="md:col-span-6">
          <Notice tone="danger">{state.error}</Notice>
        </div>
      )}
    </form>
  );
}
