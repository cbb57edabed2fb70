"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button, FormField, Notice, Select } from "@/components/ui";
import { deployFlowAction } from "../actions";

export function DeployForm({ versions, environments }: { versions: { id: string; version: number }[]; environments: { id: string; name: string; isProduction: boolean }[] }) {
  const [state, action, pending] = useActionState(deployFlowAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // onSubmit keeps the chosen version and environment after the answer (a form action resets the selects).
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
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
