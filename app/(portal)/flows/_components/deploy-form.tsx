"use client";

import { useRef, useState } from "react";
import { Button, ConfirmDialog, FormField, Notice, Select, useFormAction } from "@/components/ui";
import { deployFlowAction } from "../actions";

type DeployEnvironment = { id: string; name: string; isProduction: boolean; activeVersion: number | null };

/** The residency flag of the flow's interface, when its current architecture decision raised one. */
export type DeployResidencyFlag = { decisionNumber: number; interfaceName: string };

/**
 * Deploys a version. Replacing a live deployment, or anything in production, is confirmed first; a
 * residency-flagged flow going to production must be acknowledged in that confirmation (the server
 * refuses it otherwise).
 */
export function DeployForm({
  versions,
  environments,
  residency = null,
}: {
  versions: { id: string; version: number }[];
  environments: DeployEnvironment[];
  residency?: DeployResidencyFlag | null;
}) {
  const form = useRef<HTMLFormElement>(null);
  const acknowledge = useRef<HTMLInputElement>(null);
  const { state, pending, formProps } = useFormAction(deployFlowAction, form);
  const [question, setQuestion] = useState<{ title: string; text: string; residency: boolean }>({
    title: "",
    text: "",
    residency: false,
  });
  const check = (open: () => void) => {
    if (acknowledge.current) acknowledge.current.value = "";
    const data = new FormData(form.current ?? undefined);
    const env = environments.find((e) => e.id === data.get("environmentId"));
    const version = versions.find((v) => v.id === data.get("flowVersionId"))?.version;
    if (env && (env.isProduction || env.activeVersion !== null)) {
      const isFlagged = env.isProduction && residency !== null;
      setQuestion({
        title: isFlagged
          ? "Deploy a residency-flagged flow to production?"
          : env.activeVersion !== null
            ? "Replace the live deployment?"
            : "Deploy to production?",
        text: `${env.activeVersion !== null ? `v${env.activeVersion} is deployed in ${env.name}; it will be replaced by v${version}.` : `v${version} goes live in ${env.name}.`}${env.isProduction ? " This is production." : ""}`,
        residency: isFlagged,
      });
      open();
    } else form.current?.requestSubmit();
  };
  const confirm = () => {
    // Only a confirmed production deploy of a flagged flow carries the acknowledgement.
    if (acknowledge.current) acknowledge.current.value = question.residency ? "true" : "";
    form.current?.requestSubmit();
  };
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
      <input ref={acknowledge} type="hidden" name="acknowledgeResidency" defaultValue="" />
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
                  {e.isProduction && !/production/i.test(e.name) ? " (production)" : ""}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <ConfirmDialog
        title={question.title}
        description={
          <>
            <p>{question.text}</p>
            {question.residency && residency && (
              <p className="mt-2 font-medium text-amber-800" data-testid="residency-acknowledgement">
                ADR-{residency.decisionNumber} flags “{residency.interfaceName}” for data residency: EU personal data
                goes to a non-EU target without a recorded legal basis. Deploying records that you acknowledged this.
              </p>
            )}
          </>
        }
        confirmLabel={question.residency ? "Acknowledge and deploy" : "Deploy"}
        tone={question.residency ? "danger" : "primary"}
        onConfirm={confirm}
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
