"use client";

import { Button, FormField, Input, Notice, Select, Textarea } from "@/components/ui";
import type { SystemDetail } from "@/lib/services/inventory";
import { CRITICALITIES, HOSTINGS, LIFECYCLES, options, SYSTEM_TYPES } from "@/lib/validation/inventory";
import { useSaveForm } from "../../_components/use-save-form";
import { saveSystemAction } from "../actions";

const hrefFor = (id: string) => `/inventory/systems/${id}`;

function Options({ values }: { values: readonly string[] }) {
  return options(values).map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

export function SystemForm({ system }: { system?: SystemDetail }) {
  const { formAction, pending, errors, formError, value } = useSaveForm(saveSystemAction, hrefFor);
  const str = (key: string, fallback: string) => value(key, fallback) as string;
  return (
    <form action={formAction} className="max-w-3xl space-y-4" noValidate>
      {formError && <Notice tone="danger">{formError}</Notice>}
      {system && <input type="hidden" name="id" value={system.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="name" label="System name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={str("name", system?.name ?? "")} required autoFocus />}
        </FormField>
        <FormField id="vendor" label="Vendor" errors={errors?.vendor}>
          {(a) => <Input {...a} name="vendor" defaultValue={str("vendor", system?.vendor ?? "")} />}
        </FormField>
        <FormField id="type" label="Type" errors={errors?.type}>
          {(a) => (
            <Select {...a} name="type" defaultValue={str("type", system?.type ?? "saas")}>
              <Options values={SYSTEM_TYPES} />
            </Select>
          )}
        </FormField>
        <FormField id="hosting" label="Hosting" errors={errors?.hosting}>
          {(a) => (
            <Select {...a} name="hosting" defaultValue={str("hosting", system?.hosting ?? "cloud")}>
              <Options values={HOSTINGS} />
            </Select>
          )}
        </FormField>
        <FormField
          id="region"
          label="Data region"
          errors={errors?.region}
          hint="Where the data is stored, for residency, e.g. “EU (Frankfurt)”."
        >
          {(a) => <Input {...a} name="region" defaultValue={str("region", system?.region ?? "")} />}
        </FormField>
        <FormField id="criticality" label="Criticality" errors={errors?.criticality}>
          {(a) => (
            <Select {...a} name="criticality" defaultValue={str("criticality", system?.criticality ?? "medium")}>
              <Options values={CRITICALITIES} />
            </Select>
          )}
        </FormField>
        <FormField id="lifecycle" label="Lifecycle" errors={errors?.lifecycle}>
          {(a) => (
            <Select {...a} name="lifecycle" defaultValue={str("lifecycle", system?.lifecycle ?? "active")}>
              <Options values={LIFECYCLES} />
            </Select>
          )}
        </FormField>
      </div>
      <FormField id="description" label="Description" errors={errors?.description}>
        {(a) => <Textarea {...a} name="description" defaultValue={str("description", system?.description ?? "")} />}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : system ? "Save changes" : "Create system"}
      </Button>
    </form>
  );
}
