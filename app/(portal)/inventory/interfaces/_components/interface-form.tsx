"use client";

import { Button, FormField, Input, Notice, Select, Textarea } from "@/components/ui";
import type { InterfaceDetail } from "@/lib/services/inventory";
import { DIRECTIONS, FREQUENCIES, MECHANISMS, options, PAYLOAD_FORMATS } from "@/lib/validation/inventory";
import { useSaveForm } from "../../_components/use-save-form";
import { saveInterfaceAction } from "../actions";

const hrefFor = (id: string) => `/inventory/interfaces/${id}`;

function Options({ values }: { values: readonly string[] }) {
  return options(values).map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

export function InterfaceForm({
  iface,
  systems,
}: {
  iface?: InterfaceDetail;
  systems: { id: string; name: string }[];
}) {
  const { formAction, pending, errors, formError, value } = useSaveForm(saveInterfaceAction, hrefFor);
  const str = (key: string, fallback: string | number) => value(key, fallback) as string;
  const systemOptions = (
    <>
      <option value="">Choose a system…</option>
      {systems.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
  return (
    <form action={formAction} className="max-w-3xl space-y-4" noValidate>
      {formError && <Notice tone="danger">{formError}</Notice>}
      {iface && <input type="hidden" name="id" value={iface.id} />}
      <FormField id="name" label="Interface name" errors={errors?.name} hint="e.g. “Sales orders to ERP”.">
        {(a) => <Input {...a} name="name" defaultValue={str("name", iface?.name ?? "")} required autoFocus />}
      </FormField>
      <div className="grid gap-4 md:grid-cols-3">
        <FormField id="sourceSystemId" label="Source system" errors={errors?.sourceSystemId}>
          {(a) => (
            <Select {...a} name="sourceSystemId" defaultValue={str("sourceSystemId", iface?.sourceSystemId ?? "")}>
              {systemOptions}
            </Select>
          )}
        </FormField>
        <FormField id="direction" label="Direction" errors={errors?.direction}>
          {(a) => (
            <Select {...a} name="direction" defaultValue={str("direction", iface?.direction ?? "one_way")}>
              <Options values={DIRECTIONS} />
            </Select>
          )}
        </FormField>
        <FormField id="targetSystemId" label="Target system" errors={errors?.targetSystemId}>
          {(a) => (
            <Select {...a} name="targetSystemId" defaultValue={str("targetSystemId", iface?.targetSystemId ?? "")}>
              {systemOptions}
            </Select>
          )}
        </FormField>
        <FormField id="mechanism" label="Current mechanism" errors={errors?.mechanism}>
          {(a) => (
            <Select {...a} name="mechanism" defaultValue={str("mechanism", iface?.mechanism ?? "manual")}>
              <Options values={MECHANISMS} />
            </Select>
          )}
        </FormField>
        <FormField id="payloadFormat" label="Payload format" errors={errors?.payloadFormat}>
          {(a) => (
            <Select {...a} name="payloadFormat" defaultValue={str("payloadFormat", iface?.payloadFormat ?? "csv")}>
              <Options values={PAYLOAD_FORMATS} />
            </Select>
          )}
        </FormField>
        <FormField id="frequency" label="Frequency" errors={errors?.frequency}>
          {(a) => (
            <Select {...a} name="frequency" defaultValue={str("frequency", iface?.frequency ?? "daily")}>
              <Options values={FREQUENCIES} />
            </Select>
          )}
        </FormField>
        <FormField
          id="volumePerMonth"
          label="Volume / month"
          errors={errors?.volumePerMonth}
          hint="Messages or records"
        >
          {(a) => (
            <Input
              {...a}
              name="volumePerMonth"
              inputMode="numeric"
              defaultValue={str("volumePerMonth", iface?.volumePerMonth ?? 0)}
            />
          )}
        </FormField>
      </div>
      <FormField id="description" label="Description" errors={errors?.description}>
        {(a) => <Textarea {...a} name="description" defaultValue={str("description", iface?.description ?? "")} />}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : iface ? "Save changes" : "Create interface"}
      </Button>
    </form>
  );
}
