"use client";

import { Button, FormField, Input, Notice, useFormAction } from "@/components/ui";
import { createDataDomainAction } from "../actions";

export function DomainForm() {
  const { state, pending, formProps } = useFormAction(createDataDomainAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="grid items-end gap-3 md:grid-cols-4" noValidate aria-label="New data domain">
      <FormField id="domain-key" label="Key" errors={errors?.key}>
        {(a) => <Input {...a} name="key" placeholder="supplier" />}
      </FormField>
      <FormField id="domain-name" label="Name" errors={errors?.name}>
        {(a) => <Input {...a} name="name" placeholder="Supplier" />}
      </FormField>
      <FormField id="domain-description" label="Description" errors={errors?.description}>
        {(a) => <Input {...a} name="description" />}
      </FormField>
      <Button type="submit" disabled={pending}>
        Add data domain
      </Button>
      {state && !state.ok && (
        <div className="md:col-span-4">
          <Notice tone="danger">{state.error}</Notice>
        </div>
      )}
      {state?.ok && <p className="text-sm text-emerald-700 md:col-span-4">Added. Assign an owner below.</p>}
    </form>
  );
}
