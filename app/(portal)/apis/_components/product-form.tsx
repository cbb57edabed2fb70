"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import type { TPersonOption, TSystemOption } from "@/lib/services/apis";
import { createApiProductAction, updateApiProductAction } from "../actions";

type TProductValues = {
  productId?: string;
  key: string;
  name: string;
  description: string;
  ownerId: string | null;
  systemId: string | null;
};

/** Creates an API (then opens its page) or edits one's name, description, owner and providing system. */
export function ProductForm({
  people,
  systems,
  values,
}: {
  people: TPersonOption[];
  systems: TSystemOption[];
  values?: TProductValues;
}) {
  const router = useRouter();
  const isEdit = Boolean(values?.productId);
  const { state, pending, errors, formProps } = useFormAction(isEdit ? updateApiProductAction : createApiProductAction);
  useEffect(() => {
    if (state?.ok && !isEdit) router.push(`/apis/${state.data.key}`);
  }, [state, isEdit, router]);
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label={isEdit ? "Edit the API" : "New API"}>
      {isEdit && <input type="hidden" name="productId" value={values!.productId} />}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="api-key"
          label="Key"
          hint={
            isEdit
              ? "The key is part of every consumer's URL; it cannot change."
              : "The gateway path's first segment: /<key>/v1/…"
          }
          errors={errors?.key}
        >
          {(a) => (
            <Input
              {...a}
              name="key"
              defaultValue={values?.key}
              readOnly={isEdit}
              placeholder="orders"
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField id="api-name" label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={values?.name} placeholder="Orders API" />}
        </FormField>
      </div>
      <FormField id="api-description" label="Description" errors={errors?.description}>
        {(a) => <Textarea {...a} name="description" defaultValue={values?.description} rows={3} />}
      </FormField>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="api-owner"
          label="Owner"
          hint="The person accountable for the contract."
          errors={errors?.ownerId}
        >
          {(a) => (
            <Select {...a} name="ownerId" defaultValue={values?.ownerId ?? ""}>
              <option value="">Nobody</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name || p.email}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="api-system"
          label="Provided by"
          hint="The inventory system behind the API, for the catalog."
          errors={errors?.systemId}
        >
          {(a) => (
            <Select {...a} name="systemId" defaultValue={values?.systemId ?? ""}>
              <option value="">No system</option>
              {systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && isEdit && <Notice tone="success">Saved.</Notice>}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : isEdit ? "Save" : "Create API"}
      </Button>
    </form>
  );
}
