"use client";

import { Button, FormField, Input, Notice, Select, useFormAction } from "@/components/ui";
import type { SlaRow } from "@/lib/services/quality/slas";
import { createSlaAction, updateSlaAction } from "../actions";

export type SlaFormOptions = {
  interfaces: { id: string; label: string }[];
  environments: { id: string; label: string; key: string }[];
};

/** Create an SLA, or edit `sla`. Empty objective fields mean "no such objective". */
export function SlaForm({ sla, options, onDone }: { sla?: SlaRow; options: SlaFormOptions; onDone?: () => void }) {
  const { state, pending, errors, formProps } = useFormAction(sla ? updateSlaAction : createSlaAction);
  const prefix = sla ? `sla-${sla.id}` : "sla-new";
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label={sla ? `Edit SLA ${sla.name}` : "New SLA"}>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && (
        <Notice tone="success">{sla ? "SLA saved." : "SLA created; the engine samples it within 5 minutes."}</Notice>
      )}
      {sla && <input type="hidden" name="id" value={sla.id} />}
      <div className="grid gap-4 md:grid-cols-3">
        <FormField id={`${prefix}-name`} label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={sla?.name ?? ""} required />}
        </FormField>
        <FormField id={`${prefix}-interface`} label="Interface" errors={errors?.interfaceId}>
          {(a) => (
            <Select {...a} name="interfaceId" defaultValue={sla?.interfaceId ?? ""}>
              <option value="">Choose an interface…</option>
              {options.interfaces.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id={`${prefix}-env`} label="Environment" errors={errors?.environmentId}>
          {(a) => (
            <Select {...a} name="environmentId" defaultValue={sla?.environmentId ?? ""}>
              <option value="">Choose an environment…</option>
              {options.environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id={`${prefix}-fresh`}
          label="Freshness: max age (minutes)"
          hint="Empty: no freshness objective."
          errors={errors?.freshnessMaxAgeMinutes}
        >
          {(a) => (
            <Input
              {...a}
              name="freshnessMaxAgeMinutes"
              inputMode="numeric"
              defaultValue={sla?.freshnessMaxAgeMinutes ?? ""}
            />
          )}
        </FormField>
        <FormField
          id={`${prefix}-acc`}
          label="Accuracy target (%)"
          hint="Records passing validation and delivered. Empty: none."
          errors={errors?.accuracyTargetPct}
        >
          {(a) => (
            <Input {...a} name="accuracyTargetPct" inputMode="decimal" defaultValue={sla?.accuracyTargetPct ?? ""} />
          )}
        </FormField>
        <FormField
          id={`${prefix}-compliance`}
          label="Compliance target (% of samples)"
          hint="The error budget is the rest."
          errors={errors?.compliancePct}
        >
          {(a) => <Input {...a} name="compliancePct" inputMode="decimal" defaultValue={sla?.compliancePct ?? 99} />}
        </FormField>
        <FormField id={`${prefix}-period`} label="Error-budget period (days)" errors={errors?.budgetPeriodDays}>
          {(a) => (
            <Input {...a} name="budgetPeriodDays" inputMode="numeric" defaultValue={sla?.budgetPeriodDays ?? 30} />
          )}
        </FormField>
        <FormField id={`${prefix}-enabled`} label="Evaluated" errors={errors?.enabled}>
          {(a) => (
            <Select {...a} name="enabled" defaultValue={sla?.enabled === false ? "false" : "true"}>
              <option value="true">Yes: sampled every 5 minutes</option>
              <option value="false">No: paused</option>
            </Select>
          )}
        </FormField>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : sla ? "Save SLA" : "Create SLA"}
        </Button>
        {onDone && (
          <Button type="button" variant="secondary" onClick={onDone}>
            Close
          </Button>
        )}
      </div>
    </form>
  );
}
