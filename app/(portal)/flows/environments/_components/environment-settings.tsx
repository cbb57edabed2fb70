"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button, ConfirmDialog, FormField, Input, Notice, useFormAction } from "@/components/ui";
import type { EnvironmentVariableRow, SecretReferenceRow } from "@/lib/services/flows/environments";
import {
  deleteSecretReferenceAction,
  deleteVariableAction,
  setSecretReferenceAction,
  setVariableAction,
} from "../actions";

type Props = { environmentKey: string; environmentName: string; canManage: boolean };

type TSaveState = { ok: true; data: { name: string } } | { ok: false; error: string } | null | undefined;

/** Submit and cancel, then the error or what was saved: the same under both forms. */
function FormFooter({
  pending,
  submitLabel,
  onCancel,
  state,
  showSaved,
}: {
  pending: boolean;
  submitLabel: string;
  onCancel?: () => void;
  state: TSaveState;
  showSaved: boolean;
}) {
  return (
    <>
      <div className="flex gap-2">
        <Button type="submit" size="md" disabled={pending} aria-busy={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      {state && !state.ok && (
        <div className="sm:col-span-3">
          <Notice tone="danger">{state.error}</Notice>
        </div>
      )}
      {state?.ok && showSaved && (
        <p className="text-sm text-emerald-700 sm:col-span-3" role="status">
          Saved {state.data.name}.
        </p>
      )}
    </>
  );
}

/** Add or edit a variable: the same form, prefilled, replaces its value. */
function VariableForm({
  environmentKey,
  initial,
  onDone,
}: {
  environmentKey: string;
  initial?: EnvironmentVariableRow;
  onDone?: () => void;
}) {
  const { state, pending, formProps, errors } = useFormAction(setVariableAction);
  useEffect(() => {
    if (state?.ok) onDone?.();
  }, [state, onDone]);
  const id = `${environmentKey}-var-${initial?.name ?? "new"}`;
  return (
    <form
      {...formProps}
      className="grid items-end gap-2 sm:grid-cols-[12rem_1fr_auto]"
      noValidate
      aria-label={initial ? `Edit variable ${initial.name}` : `New variable in ${environmentKey}`}
    >
      <input type="hidden" name="environmentKey" value={environmentKey} />
      {initial ? (
        <input type="hidden" name="name" value={initial.name} />
      ) : (
        <FormField id={`${id}-name`} label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" placeholder="CRM_BASE_URL" autoComplete="off" />}
        </FormField>
      )}
      <FormField id={`${id}-value`} label={initial ? `Value of ${initial.name}` : "Value"} errors={errors?.value}>
        {(a) => <Input {...a} name="value" defaultValue={initial?.value} autoComplete="off" />}
      </FormField>
      <FormFooter
        pending={pending}
        submitLabel={initial ? "Save" : "Add variable"}
        onCancel={onDone}
        state={state}
        showSaved={!initial}
      />
    </form>
  );
}

function SecretForm({
  environmentKey,
  initial,
  onDone,
}: {
  environmentKey: string;
  initial?: SecretReferenceRow;
  onDone?: () => void;
}) {
  const { state, pending, formProps, errors } = useFormAction(setSecretReferenceAction);
  useEffect(() => {
    if (state?.ok) onDone?.();
  }, [state, onDone]);
  const id = `${environmentKey}-secret-${initial?.name ?? "new"}`;
  return (
    <form
      {...formProps}
      className="grid items-end gap-2 sm:grid-cols-[12rem_1fr_auto]"
      noValidate
      aria-label={initial ? `Edit secret reference ${initial.name}` : `New secret reference in ${environmentKey}`}
    >
      <input type="hidden" name="environmentKey" value={environmentKey} />
      <input type="hidden" name="provider" value="env" />
      {initial ? (
        <input type="hidden" name="name" value={initial.name} />
      ) : (
        <FormField id={`${id}-name`} label="Secret name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" placeholder="crmToken" autoComplete="off" />}
        </FormField>
      )}
      <FormField
        id={`${id}-reference`}
        label={initial ? `Environment variable for ${initial.name}` : "Engine environment variable"}
        hint="The name of the variable the engine process reads, e.g. CRM_TOKEN. Never the secret itself."
        errors={errors?.reference}
      >
        {(a) => <Input {...a} name="reference" defaultValue={initial?.reference} autoComplete="off" />}
      </FormField>
      <FormFooter
        pending={pending}
        submitLabel={initial ? "Save" : "Add secret reference"}
        onCancel={onDone}
        state={state}
        showSaved={!initial}
      />
    </form>
  );
}

function DeleteButton({
  label,
  what,
  environmentName,
  run,
}: {
  label: string;
  what: string;
  environmentName: string;
  run: () => Promise<{ ok: true } | { ok: false; error: string }>;
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Delete ${what} from ${environmentName}?`}
      description={`Config items that read ${label} in ${environmentName} stop resolving it at their next deploy.`}
      confirmLabel="Delete"
      onConfirm={async () => {
        const r = await run();
        if (!r.ok) return r.error;
        router.refresh();
      }}
      trigger={(open) => (
        <Button size="sm" variant="ghost" onClick={open} aria-label={`Delete ${what}`}>
          Delete
        </Button>
      )}
    />
  );
}

export function VariablesSection({
  environmentKey,
  environmentName,
  canManage,
  rows,
}: Props & { rows: EnvironmentVariableRow[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {rows.length ? (
        <table className="w-full text-left text-sm" data-testid={`variables-${environmentKey}`}>
          <caption className="sr-only">Variables in {environmentName}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1">
                Name
              </th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((v) =>
              editing === v.name ? (
                <tr key={v.name}>
                  <td colSpan={3} className="py-2">
                    <VariableForm environmentKey={environmentKey} initial={v} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={v.name}>
                  <th scope="row" className="py-2 font-mono text-xs font-medium">
                    {v.name}
                  </th>
                  <td className="break-all font-mono text-xs text-slate-700">{v.value}</td>
                  <td className="text-right">
                    {canManage && (
                      <span className="inline-flex gap-1">
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setEditing(v.name)}
                          aria-label={`Edit ${v.name}`}
                        >
                          Edit
                        </Button>
                        <DeleteButton
                          label={`\${vars.${v.name}}`}
                          what={`variable ${v.name}`}
                          environmentName={environmentName}
                          run={async () => {
                            const r = await deleteVariableAction({ environmentKey, name: v.name });
                            return r.ok ? { ok: true } : { ok: false, error: r.error };
                          }}
                        />
                      </span>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No variables in {environmentName}.</p>
      )}
      {canManage && <VariableForm environmentKey={environmentKey} />}
    </div>
  );
}

export function SecretsSection({
  environmentKey,
  environmentName,
  canManage,
  rows,
}: Props & { rows: SecretReferenceRow[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {rows.length ? (
        <table className="w-full text-left text-sm" data-testid={`secrets-${environmentKey}`}>
          <caption className="sr-only">Secret references in {environmentName}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1">
                Secret
              </th>
              <th scope="col">Read from</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((s) =>
              editing === s.name ? (
                <tr key={s.name}>
                  <td colSpan={3} className="py-2">
                    <SecretForm environmentKey={environmentKey} initial={s} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={s.name}>
                  <th scope="row" className="py-2 font-mono text-xs font-medium">
                    {s.name}
                  </th>
                  <td className="font-mono text-xs text-slate-700">
                    {s.provider === "env" ? "engine env " : `${s.provider}: `}
                    {s.reference}
                  </td>
                  <td className="text-right">
                    {canManage && (
                      <span className="inline-flex gap-1">
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setEditing(s.name)}
                          aria-label={`Edit ${s.name}`}
                        >
                          Edit
                        </Button>
                        <DeleteButton
                          label={`\${secrets.${s.name}}`}
                          what={`secret reference ${s.name}`}
                          environmentName={environmentName}
                          run={async () => {
                            const r = await deleteSecretReferenceAction({ environmentKey, name: s.name });
                            return r.ok ? { ok: true } : { ok: false, error: r.error };
                          }}
                        />
                      </span>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No secret references in {environmentName}.</p>
      )}
      {canManage && <SecretForm environmentKey={environmentKey} />}
    </div>
  );
}
