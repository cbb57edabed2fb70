"use client";

import { Button, FormField, Notice, Select, useFormAction } from "@/components/ui";
import { deployFlowAction } from "../actions";

export function DeployForm({ versions, environments }: { versions: { id: string; version: number }[]; environments: { id: string; name: string; isProduction: boolean }[] }) {
  const { state, pending, formProps } = useFormAction(deployFlowAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="w-40">
        <FormField id="deploy-version" label="Version" errors={errors?.flowVersionId}>
          {(a) => (
            <Select {...a} name="flowVersionId" defaultValue={versions[0]?.id}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.version}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <div className="w-48">
        <FormField id="deploy-environment" label="Environment" errors={errors?.environmentId}>
          {(a) => (
            <Select {...a} name="environmentId" defaultValue={environments[0]?.id}>
              {environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                  {e.isProduction ? " (production)" : ""}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <Button type="submit" disabled={pending || !versions.length} aria-busy={pending}>
        {pending ? "Deploying…" : "Deploy"}
      </Button>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Deployed. The engine picks it up within seconds.</Notice>}
    </form>
  );
}
