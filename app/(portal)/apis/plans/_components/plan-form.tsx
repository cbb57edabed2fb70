"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, Textarea, useFormAction } from "@/components/ui";
import type { ApiPlanRow } from "@/lib/services/apis/plans";
import { savePlanAction } from "../actions";

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function PlanForm({ plan }: { plan?: ApiPlanRow }) {
  const router = useRouter();
  const { state, pending, errors, formProps } = useFormAction(savePlanAction);
  useEffect(() => {
    if (state?.ok) router.push(`/apis/plans?saved=${encodeURIComponent(state.data.id)}`);
  }, [state, router]);
  return (
    <form {...formProps} className="max-w-3xl space-y-6" noValidate>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {plan && <input type="hidden" name="id" value={plan.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="name" label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={plan?.name ?? ""} required autoFocus />}
        </FormField>
        <FormField
          id="key"
          label="Key"
          errors={errors?.key}
          hint="Lowercase letters, digits and hyphens, e.g. “gold”. Used by the CLI and the seed."
        >
          {(a) => <Input {...a} name="key" defaultValue={plan?.key ?? ""} required className="font-mono" />}
        </FormField>
      </div>
      <FormField id="description" label="Description" errors={errors?.description}>
        {(a) => <Textarea {...a} name="description" defaultValue={plan?.description ?? ""} />}
      </FormField>
      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Rate (token bucket)</legend>
        <p className="mb-3 text-sm text-slate-600">
          The bucket holds up to <em>burst</em> requests and refills at the rate. Leave both empty for no rate limit.
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          <FormField id="ratePerSecond" label="Requests per second" errors={errors?.ratePerSecond}>
            {(a) => (
              <Input
                {...a}
                name="ratePerSecond"
                type="number"
                min="0"
                step="any"
                inputMode="decimal"
                defaultValue={num(plan?.ratePerSecond)}
              />
            )}
          </FormField>
          <FormField id="burst" label="Burst" errors={errors?.burst} hint="At least the rate per second.">
            {(a) => <Input {...a} name="burst" type="number" min="1" step="1" defaultValue={num(plan?.burst)} />}
          </FormField>
        </div>
      </fieldset>
      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Quotas</legend>
        <p className="mb-3 text-sm text-slate-600">
          Calls per calendar window on the gateway&apos;s clock; refused calls do not count. Empty means no quota.
        </p>
        <div className="grid gap-4 md:grid-cols-3">
          <FormField id="perMinute" label="Per minute" errors={errors?.perMinute}>
            {(a) => (
              <Input {...a} name="perMinute" type="number" min="1" step="1" defaultValue={num(plan?.perMinute)} />
            )}
          </FormField>
          <FormField id="perDay" label="Per day" errors={errors?.perDay}>
            {(a) => <Input {...a} name="perDay" type="number" min="1" step="1" defaultValue={num(plan?.perDay)} />}
          </FormField>
          <FormField id="perMonth" label="Per month" errors={errors?.perMonth}>
            {(a) => <Input {...a} name="perMonth" type="number" min="1" step="1" defaultValue={num(plan?.perMonth)} />}
          </FormField>
        </div>
      </fieldset>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : plan ? "Save plan" : "Create plan"}
      </Button>
    </form>
  );
}
