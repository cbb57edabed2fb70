"use client";

import { useEffect, useId, useRef, useState } from "react";
import { SecretField } from "@/components/apis/secret-field";
import { Button, FormField, Input, Notice, Select, useFormAction } from "@/components/ui";
import type { ApiVersionOption } from "@/lib/services/apis/keys";
import { API_KEY_ENVIRONMENTS } from "@/lib/validation/api-consumers";
import { issueKeyAction } from "../actions";

const ENV_LABEL: Record<string, string> = { dev: "Development (dev)", test: "Test (test)", prod: "Production (prod)" };

/**
 * Issues a key in a dialog. The secret comes back from the action once and lives only in this
 * component's state: closing the dialog remounts the form, which drops it for good.
 */
export function IssueKeyDialog({
  consumerId,
  consumerName,
  versions,
}: {
  consumerId: string;
  consumerName: string;
  versions: ApiVersionOption[];
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [isOpen, setOpen] = useState(false);
  // A new key for the inner form on every opening: no secret or error survives a close.
  const [round, setRound] = useState(0);
  useEffect(() => {
    const dialog = ref.current;
    if (isOpen && !dialog?.open) dialog?.showModal();
    if (!isOpen && dialog?.open) dialog.close();
  }, [isOpen]);
  const close = () => {
    setOpen(false);
    setRound((r) => r + 1);
  };
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)} disabled={versions.length === 0}>
        Issue key
      </Button>
      <dialog
        ref={ref}
        onClose={close}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-2xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        {isOpen && (
          <IssueKeyForm
            key={round}
            titleId={titleId}
            consumerId={consumerId}
            consumerName={consumerName}
            versions={versions}
            onClose={close}
          />
        )}
      </dialog>
    </>
  );
}

function IssueKeyForm({
  titleId,
  consumerId,
  consumerName,
  versions,
  onClose,
}: {
  titleId: string;
  consumerId: string;
  consumerName: string;
  versions: ApiVersionOption[];
  onClose: () => void;
}) {
  const { state, pending, errors, formProps } = useFormAction(issueKeyAction);
  const scopeErrorId = useId();
  if (state?.ok) {
    const issued = state.data;
    return (
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Key issued for {consumerName}
        </h2>
        <Notice tone="warning" title="Copy the key now: you will not see it again.">
          Switchboard keeps only a hash of it. If it is lost, revoke it and issue a new one.
        </Notice>
        <SecretField label="API key" value={issued.secret} copyLabel="Copy key" />
        <p className="text-sm text-slate-600">
          Send it in the <code className="font-mono">X-API-Key</code> header; it works in{" "}
          <strong>{issued.environment}</strong> only. From now on it appears by its prefix,{" "}
          <code className="font-mono">{issued.prefix}</code>, in lists and logs.
        </p>
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose}>
            I have copied it, close
          </Button>
        </div>
      </div>
    );
  }
  return (
    <form {...formProps} className="space-y-4 p-6" noValidate>
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        Issue a key for {consumerName}
      </h2>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <input type="hidden" name="consumerId" value={consumerId} />
      <FormField id="environment" label="Environment" errors={errors?.environment}>
        {(a) => (
          <Select {...a} name="environment" defaultValue="dev">
            {API_KEY_ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {ENV_LABEL[env]}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <fieldset
        aria-describedby={errors?.apiVersionIds ? scopeErrorId : undefined}
        className="rounded-md border border-slate-200 p-3"
      >
        <legend className="px-1 text-sm font-medium text-slate-700">API versions it may call</legend>
        <ul className="max-h-48 space-y-1 overflow-y-auto">
          {versions.map((v) => (
            <li key={v.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="apiVersionIds"
                  value={v.id}
                  aria-invalid={Boolean(errors?.apiVersionIds)}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {v.label}
                {v.lifecycle !== "published" && <span className="text-xs text-slate-500">({v.lifecycle})</span>}
              </label>
            </li>
          ))}
        </ul>
        {errors?.apiVersionIds && (
          <p id={scopeErrorId} className="mt-1 text-sm text-red-600">
            {errors.apiVersionIds.join(" ")}
          </p>
        )}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="label" label="Label" errors={errors?.label} hint="What it is for, e.g. “CI pipeline”.">
          {(a) => <Input {...a} name="label" />}
        </FormField>
        <FormField id="expiresAt" label="Expires" errors={errors?.expiresAt} hint="Empty: does not expire.">
          {(a) => <Input {...a} name="expiresAt" type="date" />}
        </FormField>
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
          {pending ? "Issuing…" : "Issue key"}
        </Button>
      </div>
    </form>
  );
}
