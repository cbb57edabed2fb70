"use client";

import { useRef, useState } from "react";
import { Button, ConfirmDialog, FormField, Notice, Select, useFormAction } from "@/components/ui";
import { deployFlowAction } from "../actions";

type DeployEnvironment = { id: string; name: string; isProduction: boolean; activeVersion: number | null };

/** Deploys a version. Replacing a live deployment, or anything in production, is confirmed first. */
export function DeployForm({ versions, environments }: { versions: { id: string; version: number }[]; environments: DeployEnvironment[] }) {
  const form = useRef<HTMLFormElement>(null);
  const { state, pending, formProps } = useFormAction(deployFlowAction, form);
  const [question, setQuestion] = useState("");
  const check = (open: () => void) => {
    const data = new FormData(form.current ?? undefined);
    const env = environments.find((e) => e.id === data.get("environmentId"));
    const version = versions.find((v) => v.id === data.get("flowVersionId"))?.version;
    if (env && (env.isProduction || env.activeVersion !== null)) {
      setQuestion(
        `${env.activeVersion !== null ? `v${env.activeVersion} is deployed in ${env.name}; it will be replaced by v${version}.` : `v${version} goes live in ${env.name}.`}${env.isProduction ? " This is production." : ""}`,
      );
      open();
    } else form.current?.requestSubmit();
  };
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
      <ConfirmDialog
        title="Replace the live deployment?"
        description={question}
        confirmLabel="Deploy"
        tone="primary"
        onConfirm={() => form.current?.requestSubmit()}
        trigger={(open) => (
          <Button onClick={() => check(open)} disabled={pending || !versions.length} aria-busy={pending}>
            {pending ? "Deploying…" : "Deploy"}
          </Button>
        )}
      />
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Deployed. The engine picks it up within seconds.</Notice>}
    </form>
  );
}
