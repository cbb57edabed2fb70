"use client";

import { Button, FormField, Input, Notice, Select, Textarea } from "@/components/ui";
import type { ProcessDetail } from "@/lib/services/inventory";
import { formatPainPoints } from "@/lib/validation/inventory";
import { useSaveForm } from "../../_components/use-save-form";
import { saveProcessAction } from "../actions";

const hrefFor = (id: string) => `/inventory/processes/${id}`;

export function ProcessForm({
  process,
  departments,
  systems,
}: {
  process?: ProcessDetail;
  departments: { id: string; name: string }[];
  systems: { id: string; name: string }[];
}) {
  const { formAction, pending, errors, formError, value } = useSaveForm(saveProcessAction, hrefFor);
  const str = (key: string, fallback: string | number) => value(key, fallback) as string;
  const selected = value("systemIds", process?.systems.map((s) => s.id) ?? []);
  return (
    <form action={formAction} className="max-w-3xl space-y-4" noValidate>
      {formError && <Notice tone="danger">{formError}</Notice>}
      {process && <input type="hidden" name="id" value={process.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="name" label="Process name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={str("name", process?.name ?? "")} required autoFocus />}
        </FormField>
        <FormField
          id="department"
          label="Department"
          errors={errors?.department}
          hint="Pick one or type a new department name."
        >
          {(a) => (
            <>
              <Input
                {...a}
                name="department"
                list="department-options"
                defaultValue={str("department", process?.department ?? "")}
                required
                autoComplete="off"
              />
              <datalist id="department-options">
                {departments.map((d) => (
                  <option key={d.id} value={d.name} />
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField
          id="ownerEmail"
          label="Owner email"
          errors={errors?.ownerEmail}
          hint="The accountable user's sign-in email, if they have an account."
        >
          {(a) => (
            <Input
              {...a}
              name="ownerEmail"
              type="email"
              defaultValue={str("ownerEmail", process?.ownerEmail ?? "")}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField
          id="ownerName"
          label="Owner (free text)"
          errors={errors?.ownerName}
          hint="For owners without an account, e.g. “AP team lead”."
        >
          {(a) => <Input {...a} name="ownerName" defaultValue={str("ownerName", process?.ownerName ?? "")} />}
        </FormField>
      </div>
      <FormField id="description" label="Description" errors={errors?.description}>
        {(a) => <Textarea {...a} name="description" defaultValue={str("description", process?.description ?? "")} />}
      </FormField>
      <div className="grid gap-4 md:grid-cols-4">
        <FormField id="volumePerMonth" label="Volume / month" errors={errors?.volumePerMonth} hint="Transactions">
          {(a) => (
            <Input
              {...a}
              name="volumePerMonth"
              inputMode="numeric"
              defaultValue={str("volumePerMonth", process?.volumePerMonth ?? 0)}
            />
          )}
        </FormField>
        <FormField id="manualMinutesPerTxn" label="Manual minutes / txn" errors={errors?.manualMinutesPerTxn}>
          {(a) => (
            <Input
              {...a}
              name="manualMinutesPerTxn"
              inputMode="decimal"
              defaultValue={str("manualMinutesPerTxn", process?.manualMinutesPerTxn ?? 0)}
            />
          )}
        </FormField>
        <FormField id="errorRatePct" label="Error / rework rate (%)" errors={errors?.errorRatePct}>
          {(a) => (
            <Input
              {...a}
              name="errorRatePct"
              inputMode="decimal"
              defaultValue={str("errorRatePct", process?.errorRatePct ?? 0)}
            />
          )}
        </FormField>
        <FormField id="cycleTimeHours" label="Cycle time (hours)" errors={errors?.cycleTimeHours}>
          {(a) => (
            <Input
              {...a}
              name="cycleTimeHours"
              inputMode="decimal"
              defaultValue={str("cycleTimeHours", process?.cycleTimeHours ?? 0)}
            />
          )}
        </FormField>
      </div>
      <FormField
        id="systemIds"
        label="Systems touched"
        errors={errors?.systemIds}
        hint="Ctrl/Cmd-click or Shift+arrow keys to pick several."
      >
        {(a) => (
          <Select
            {...a}
            name="systemIds"
            multiple
            size={Math.min(8, Math.max(3, systems.length))}
            defaultValue={selected as string[]}
          >
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField
        id="painPoints"
        label="Pain points"
        errors={errors?.painPoints}
        hint="One per line: severity: description #tag, e.g. “high: invoices re-keyed by hand #rekeying”. Severity is low, medium, high or critical."
      >
        {(a) => (
          <Textarea
            {...a}
            name="painPoints"
            defaultValue={str("painPoints", formatPainPoints(process?.painPoints ?? [], "\n"))}
          />
        )}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : process ? "Save changes" : "Create process"}
      </Button>
    </form>
  );
}
