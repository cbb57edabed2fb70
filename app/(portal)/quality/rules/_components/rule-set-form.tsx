"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import type { TRuleSetFormOptions } from "@/lib/services/quality/rules";
import { createRuleSetAction, updateRuleSetAction } from "../actions";

type TValues = {
  ruleSetId: string;
  key: string;
  name: string;
  description: string;
  ownerId: string;
  dataDomainId: string | null;
  flowId: string | null;
  interfaceId: string | null;
};

/** Creates a rule set (then opens it) or edits its name, data owner and scope. */
export function RuleSetForm({ options, values }: { options: TRuleSetFormOptions; values?: TValues }) {
  const router = useRouter();
  const isEdit = Boolean(values);
  const { state, pending, errors, formProps } = useFormAction(isEdit ? updateRuleSetAction : createRuleSetAction);
  useEffect(() => {
    if (state?.ok && !isEdit) router.push(`/quality/rules/${state.data.key}`);
  }, [state, isEdit, router]);
  const choose = (name: string, label: string, list: { value: string; label: string }[], value?: string | null) => (
    <FormField id={`ruleset-${name}`} label={label} errors={errors?.[name]}>
      {(a) => (
        <Select {...a} name={name} defaultValue={value ?? ""}>
          <option value="">None</option>
          {list.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      )}
    </FormField>
  );
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label={isEdit ? "Edit the rule set" : "New rule set"}>
      {isEdit && <input type="hidden" name="ruleSetId" value={values!.ruleSetId} />}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="ruleset-key"
          label="Key"
          hint={isEdit ? "Flows name the rule set by its key; it cannot change." : "What a validate_rules step names."}
          errors={errors?.key}
        >
          {(a) => (
            <Input
              {...a}
              name="key"
              defaultValue={values?.key}
              readOnly={isEdit}
              placeholder="orders-entry"
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField id="ruleset-name" label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={values?.name} placeholder="Orders at entry" />}
        </FormField>
      </div>
      <FormField id="ruleset-description" label="Description" errors={errors?.description}>
        {(a) => <Textarea {...a} name="description" defaultValue={values?.description} rows={2} />}
      </FormField>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="ruleset-ownerId"
          label="Data owner"
          hint="Responsible for the records this rule set quarantines."
          errors={errors?.ownerId}
        >
          {(a) => (
            <Select {...a} name="ownerId" defaultValue={values?.ownerId ?? ""}>
              <option value="">Choose…</option>
              {options.owners.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        {choose("dataDomainId", "Data domain", options.domains, values?.dataDomainId)}
        {choose("flowId", "Flow", options.flows, values?.flowId)}
        {choose("interfaceId", "Interface", options.interfaces, values?.interfaceId)}
      </div>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && isEdit && <Notice tone="success">Saved.</Notice>}
      <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
        {isEdit ? "Save details" : "Create rule set"}
      </Button>
    </form>
  );
}
