"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import {
  Badge,
  Button,
  ConfirmDialog,
  FormField,
  Input,
  Notice,
  Select,
  Textarea,
  useFormAction,
} from "@/components/ui";
import {
  createChangeModelAction,
  createChangeWindowAction,
  deleteChangeModelAction,
  editChangeWindowAction,
  deleteChangeWindowAction,
  previewWindowAction,
  updateChangeModelAction,
  updateChangeWindowAction,
  updateRiskPolicyAction,
} from "../actions";
import { formatDateTime } from "./badges";

type Result = { ok: true } | { ok: false; error: string };
const plain = async (p: Promise<{ ok: true } | { ok: false; error: string }>): Promise<Result> => {
  const r = await p;
  return r.ok ? { ok: true } : { ok: false, error: r.error };
};

function RowButton({ label, run, ariaLabel }: { label: string; run: () => Promise<Result>; ariaLabel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col">
      <Button
        size="sm"
        variant="ghost"
        aria-label={ariaLabel}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await run();
            setError(r.ok ? null : r.error);
            if (r.ok) router.refresh();
          })
        }
      >
        {label}
      </Button>
      {error && <span className="text-xs text-red-600">{error}</span>}
    </span>
  );
}

function DeleteRow({ what, run }: { what: string; run: () => Promise<Result> }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Delete ${what}?`}
      description="This cannot be undone. Changes that referred to it keep their record."
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

export type ModelView = {
  id: string;
  key: string;
  name: string;
  description: string;
  maxRisk: string;
  isActive: boolean;
  changeCount: number;
};

export function ModelsSection({ models }: { models: ModelView[] }) {
  const { state, pending, formProps, errors } = useFormAction(createChangeModelAction);
  return (
    <div className="space-y-4">
      {models.length ? (
        <table className="w-full text-left text-sm" data-testid="change-models">
          <caption className="sr-only">Change models</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1">
                Model
              </th>
              <th scope="col">Up to</th>
              <th scope="col">Changes</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {models.map((m) => (
              <tr key={m.id} className="align-top">
                <th scope="row" className="py-2 pr-2 text-left font-medium">
                  {m.name} <code className="text-xs font-normal text-slate-500">{m.key}</code>
                  {m.description && <p className="text-xs font-normal text-slate-600">{m.description}</p>}
                </th>
                <td className="py-2">{m.maxRisk} risk</td>
                <td className="py-2">{m.changeCount}</td>
                <td className="py-2">
                  <Badge tone={m.isActive ? "success" : "neutral"}>{m.isActive ? "active" : "retired"}</Badge>
                </td>
                <td className="py-2 text-right">
                  <RowButton
                    label={m.isActive ? "Retire" : "Reactivate"}
                    ariaLabel={`${m.isActive ? "Retire" : "Reactivate"} ${m.name}`}
                    run={() => plain(updateChangeModelAction({ id: m.id, isActive: !m.isActive }))}
                  />
                  {m.changeCount === 0 && (
                    <DeleteRow what={`model ${m.name}`} run={() => plain(deleteChangeModelAction({ id: m.id }))} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No change models: every change goes to the CAB.</p>
      )}
      <form {...formProps} className="grid items-end gap-3 md:grid-cols-4" noValidate aria-label="New change model">
        <FormField id="model-key" label="Key" errors={errors?.key}>
          {(a) => <Input {...a} name="key" placeholder="mapping-tweak" />}
        </FormField>
        <FormField id="model-name" label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" placeholder="Mapping tweak in a non-PII flow" />}
        </FormField>
        <FormField id="model-max-risk" label="Pre-approved up to" errors={errors?.maxRisk}>
          {(a) => (
            <Select {...a} name="maxRisk" defaultValue="low">
              <option value="low">Low risk</option>
              <option value="medium">Medium risk</option>
              <option value="high">High risk</option>
            </Select>
          )}
        </FormField>
        <Button type="submit" disabled={pending}>
          Add model
        </Button>
        <div className="md:col-span-4">
          <FormField id="model-description" label="Description" errors={errors?.description}>
            {(a) => <Input {...a} name="description" />}
          </FormField>
        </div>
        {state && !state.ok && (
          <div className="md:col-span-4">
            <Notice tone="danger">{state.error}</Notice>
          </div>
        )}
        {state?.ok && <p className="text-sm text-emerald-700 md:col-span-4">Added {state.data.name}.</p>}
      </form>
    </div>
  );
}

export type WindowView = {
  id: string;
  environmentId: string | null;
  kind: string;
  name: string;
  description: string;
  rrule: string;
  durationMinutes: number;
  systemName: string | null;
  environmentKey: string | null;
  isActive: boolean;
  nextStart: string | null;
};

const duration = (m: number) => (m % 1440 === 0 ? `${m / 1440} day(s)` : m % 60 === 0 ? `${m / 60} h` : `${m} min`);

/** Shows the next occurrences of the rule as typed, so a mistake shows before saving. */
function RrulePreview({ rrule, durationMinutes }: { rrule: string; durationMinutes: string }) {
  const [preview, setPreview] = useState<{
    error: string | null;
    occurrences: { start: string; end: string }[];
  } | null>(null);
  useEffect(() => {
    if (!rrule.trim()) return;
    let isCurrent = true;
    const timer = setTimeout(async () => {
      const r = await previewWindowAction({ rrule, durationMinutes: Number(durationMinutes) || 60 });
      if (!isCurrent) return;
      setPreview(r.ok ? r.data : { error: r.error, occurrences: [] });
    }, 300);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [rrule, durationMinutes]);
  if (!rrule.trim() || !preview) return null;
  return (
    <div className="text-xs" role="status" aria-live="polite" data-testid="rrule-preview">
      {preview.error ? (
        <p className="font-medium text-red-600">{preview.error}</p>
      ) : preview.occurrences.length ? (
        <>
          <p className="font-medium text-slate-700">Next occurrences:</p>
          <ul className="list-disc pl-5 text-slate-600">
            {preview.occurrences.map((o) => (
              <li key={o.start}>
                {formatDateTime(o.start)} → {formatDateTime(o.end)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-slate-600">No occurrence in the next year.</p>
      )}
    </div>
  );
}

type Option = { id: string; name: string };

/** Creates a window, or edits one (same fields); the RRULE preview shows the next occurrences as typed. */
function WindowForm({
  initial,
  systems,
  environments,
  onDone,
}: {
  initial?: WindowView;
  systems: Option[];
  environments: Option[];
  onDone?: () => void;
}) {
  const { state, pending, formProps, errors } = useFormAction(
    initial ? editChangeWindowAction : createChangeWindowAction,
  );
  const [kind, setKind] = useState(initial?.kind ?? "blackout");
  const [rrule, setRrule] = useState(
    initial?.rrule ?? "DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-3",
  );
  const [minutes, setMinutes] = useState(String(initial?.durationMinutes ?? 4320));
  const id = initial ? `window-${initial.id}` : "window";
  useEffect(() => {
    if (state?.ok) onDone?.();
  }, [state, onDone]);
  return (
    <form
      {...formProps}
      className="space-y-3"
      noValidate
      aria-label={initial ? `Edit window ${initial.name}` : "New window"}
    >
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-3 md:grid-cols-4">
        <FormField id={`${id}-kind`} label="Kind" errors={errors?.kind}>
          {(a) => (
            <Select {...a} name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="blackout">Blackout (no changes)</option>
              <option value="maintenance">Maintenance (changes to a system only then)</option>
            </Select>
          )}
        </FormField>
        <FormField id={`${id}-name`} label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" placeholder="Quarter-end freeze" defaultValue={initial?.name} />}
        </FormField>
        <FormField id={`${id}-duration`} label="Lasts (minutes)" errors={errors?.durationMinutes}>
          {(a) => (
            <Input
              {...a}
              name="durationMinutes"
              inputMode="numeric"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          )}
        </FormField>
        {kind === "maintenance" ? (
          <FormField id={`${id}-system`} label="System" errors={errors?.systemId}>
            {(a) => (
              <Select
                {...a}
                name="systemId"
                defaultValue={systems.find((s) => s.name === initial?.systemName)?.id ?? ""}
              >
                <option value="">Choose a system…</option>
                {systems.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        ) : (
          <FormField id={`${id}-environment`} label="Environment" errors={errors?.environmentId}>
            {(a) => (
              <Select {...a} name="environmentId" defaultValue={initial?.environmentId ?? ""}>
                <option value="">Every environment</option>
                {environments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        )}
      </div>
      <FormField
        id={`${id}-rrule`}
        label="Recurrence (RFC 5545, UTC)"
        hint="A DTSTART line and an RRULE line, e.g. DTSTART:20260102T170000Z then RRULE:FREQ=WEEKLY;BYDAY=FR."
        errors={errors?.rrule}
      >
        {(a) => (
          <Textarea
            {...a}
            name="rrule"
            rows={2}
            className="min-h-14 font-mono"
            value={rrule}
            onChange={(e) => setRrule(e.target.value)}
          />
        )}
      </FormField>
      <RrulePreview rrule={rrule} durationMinutes={minutes} />
      <FormField id={`${id}-description`} label="Description" errors={errors?.description}>
        {(a) => <Input {...a} name="description" defaultValue={initial?.description} />}
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {initial ? "Save window" : "Add window"}
        </Button>
        {onDone && (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && !initial && <p className="text-sm text-emerald-700">Added {state.data.name}.</p>}
    </form>
  );
}

export function WindowsSection({
  windows,
  systems,
  environments,
}: {
  windows: WindowView[];
  systems: Option[];
  environments: Option[];
}) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {windows.length ? (
        <table className="w-full text-left text-sm" data-testid="change-windows">
          <caption className="sr-only">Blackout and maintenance windows</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1">
                Window
              </th>
              <th scope="col">Kind</th>
              <th scope="col">Recurrence</th>
              <th scope="col">Lasts</th>
              <th scope="col">Next</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {windows.map((w) =>
              editing === w.id ? (
                <tr key={w.id}>
                  <td colSpan={6} className="py-3">
                    <WindowForm
                      initial={w}
                      systems={systems}
                      environments={environments}
                      onDone={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={w.id} className="align-top">
                  <th scope="row" className="py-2 pr-2 text-left font-medium">
                    {w.name}
                    <p className="text-xs font-normal text-slate-600">
                      {w.systemName ? `System ${w.systemName}` : "Every system"}
                      {w.environmentKey ? ` · ${w.environmentKey}` : ""}
                      {w.isActive ? "" : " · inactive"}
                    </p>
                  </th>
                  <td className="py-2">
                    <Badge tone={w.kind === "blackout" ? "danger" : "info"}>{w.kind}</Badge>
                  </td>
                  <td className="py-2">
                    <pre className="whitespace-pre-wrap break-all font-mono text-xs text-slate-700">{w.rrule}</pre>
                  </td>
                  <td className="py-2 whitespace-nowrap">{duration(w.durationMinutes)}</td>
                  <td className="py-2 text-xs">{w.nextStart ? formatDateTime(w.nextStart) : "—"}</td>
                  <td className="py-2 text-right whitespace-nowrap">
                    <Button size="sm" variant="ghost" onClick={() => setEditing(w.id)} aria-label={`Edit ${w.name}`}>
                      Edit
                    </Button>
                    <RowButton
                      label={w.isActive ? "Deactivate" : "Activate"}
                      ariaLabel={`${w.isActive ? "Deactivate" : "Activate"} ${w.name}`}
                      run={() => plain(updateChangeWindowAction({ id: w.id, isActive: !w.isActive }))}
                    />
                    <DeleteRow what={`window ${w.name}`} run={() => plain(deleteChangeWindowAction({ id: w.id }))} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No windows yet.</p>
      )}
      <WindowForm systems={systems} environments={environments} />
    </div>
  );
}

export type PolicyView = {
  mediumFrom: number;
  highFrom: number;
  lowApprovals: number;
  mediumApprovals: number;
  highApprovals: number;
  dataOwnerFrom: string;
  weights: Record<string, number>;
  remindAfterHours: number;
  escalateAfterReminders: number;
  rollbackErrorRate: number;
  rollbackMinutes: number;
  rollbackMinMessages: number;
};

const WEIGHT_LABELS: Record<string, string> = {
  blastRadius: "Blast radius",
  dataClassification: "Data classification",
  health: "Current health",
  diffSize: "Size of the change",
  changeFailures: "Recent change failures",
};

export function PolicyForm({ policy }: { policy: PolicyView }) {
  const { state, pending, formProps, errors } = useFormAction(updateRiskPolicyAction);
  const num = (id: string, name: keyof PolicyView, label: string, hint?: string, step?: string) => (
    <FormField id={id} label={label} hint={hint} errors={errors?.[name]}>
      {(a) => <Input {...a} name={name} type="number" step={step} defaultValue={String(policy[name] as number)} />}
    </FormField>
  );
  return (
    <form {...formProps} className="space-y-5" noValidate aria-label="Risk policy">
      <fieldset className="grid gap-3 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Levels (score 0–100)</legend>
        {num("policy-medium-from", "mediumFrom", "Medium from")}
        {num("policy-high-from", "highFrom", "High from")}
        <FormField id="policy-data-owner-from" label="Data owner must approve from" errors={errors?.dataOwnerFrom}>
          {(a) => (
            <Select {...a} name="dataOwnerFrom" defaultValue={policy.dataOwnerFrom}>
              <option value="low">Low risk</option>
              <option value="medium">Medium risk</option>
              <option value="high">High risk</option>
            </Select>
          )}
        </FormField>
      </fieldset>
      <fieldset className="grid gap-3 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Approvals needed (quorum)</legend>
        {num("policy-low-approvals", "lowApprovals", "Low risk")}
        {num("policy-medium-approvals", "mediumApprovals", "Medium risk")}
        {num("policy-high-approvals", "highApprovals", "High risk")}
      </fieldset>
      <fieldset className="grid gap-3 md:grid-cols-5">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Factor weights (relative)</legend>
        {Object.entries(WEIGHT_LABELS).map(([key, label]) => (
          <FormField key={key} id={`policy-weight-${key}`} label={label} errors={errors?.[`weights.${key}`]}>
            {(a) => (
              <Input
                {...a}
                name={`weights.${key}`}
                type="number"
                step="1"
                defaultValue={String(policy.weights[key] ?? 0)}
              />
            )}
          </FormField>
        ))}
      </fieldset>
      <fieldset className="grid gap-3 md:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Stalled approvals</legend>
        {num("policy-remind-after", "remindAfterHours", "Remind after (hours)")}
        {num("policy-escalate-after", "escalateAfterReminders", "Escalate after (reminders)")}
      </fieldset>
      <fieldset className="grid gap-3 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Automatic rollback in production</legend>
        {num(
          "policy-rollback-rate",
          "rollbackErrorRate",
          "Error rate (0–1)",
          "e.g. 0.5 = half the messages fail",
          "0.01",
        )}
        {num("policy-rollback-minutes", "rollbackMinutes", "Within (minutes of activation)")}
        {num("policy-rollback-min", "rollbackMinMessages", "Over at least (messages)")}
      </fieldset>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Policy saved. New changes are scored with it.</Notice>}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        Save policy
      </Button>
    </form>
  );
}
