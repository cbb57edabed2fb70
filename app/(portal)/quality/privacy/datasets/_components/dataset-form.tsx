"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, Combobox, FormField, Input, Notice, Select, useFormAction } from "@/components/ui";
import { searchFlows } from "../../../../_lookups/search";
import { createMaskedDatasetAction } from "../../actions";

export function DatasetForm({ environments }: { environments: { value: string; label: string }[] }) {
  const router = useRouter();
  const { state, pending, errors, formProps } = useFormAction(createMaskedDatasetAction);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form {...formProps} className="space-y-4" aria-label="Start a masked dataset" noValidate>
      <div className="grid gap-4 md:grid-cols-4">
        <FormField id="dataset-flow" label="Flow" errors={errors?.flowId}>
          {(a) => <Combobox {...a} name="flowId" search={searchFlows} noun="flow" />}
        </FormField>
        <FormField id="dataset-target" label="Into" errors={errors?.targetEnvironmentId}>
          {(a) => (
            <Select {...a} name="targetEnvironmentId" defaultValue={environments.at(-1)?.value ?? ""}>
              {environments.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="dataset-source" label="Samples from" errors={errors?.source}>
          {(a) => (
            <Select {...a} name="source" defaultValue="runs">
              <option value="runs">Production runs</option>
              <option value="dead_letters">Production dead letters</option>
            </Select>
          )}
        </FormField>
        <FormField id="dataset-limit" label="At most" hint="1 to 10,000 records" errors={errors?.limit}>
          {(a) => <Input {...a} name="limit" type="number" min={1} max={10_000} defaultValue={100} />}
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Starting…" : "Start job"}
        </Button>
        {state?.ok && <Notice tone="success">Job queued; the engine picks it up within seconds.</Notice>}
        {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      </div>
    </form>
  );
}
