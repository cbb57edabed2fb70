"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Button, Combobox, FormField, Input, Notice, Select, Textarea } from "@/components/ui";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows } from "../../../_lookups/search";
import { profileStepOptionsAction, saveProfileDefinitionAction } from "../actions";
import type { TEnvironmentOption, TStepOption } from "../_lib/form-options";
import { boundRowErrors, formPayload, type TFormState } from "../_lib/form-model";
import { formatWhen } from "../_lib/present";
import { nextCronRuns } from "../_lib/schema";

type Errors = Record<string, string[] | undefined>;

const radio = "h-4 w-4 border-slate-300 text-indigo-600 focus:ring-2 focus:ring-indigo-500";
const cellInput = "h-9 py-1.5";

/**
 * Create or edit a profile definition. The whole definition is one object (bounds are rows), sent
 * to the save action as JSON; the action answers with errors keyed by field ("bounds.2.max"), shown
 * beside each field, and focus moves to the first one.
 */
export function ProfileForm({
  initial,
  environments,
  flow,
  steps: initialSteps,
}: {
  initial: TFormState;
  environments: TEnvironmentOption[];
  /** The chosen flow's label, so an edit form shows it without a search. */
  flow: TLookupOption | null;
  /** The chosen flow's profile steps (edit form). */
  steps: TStepOption[];
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<TFormState>(initial);
  const [errors, setErrors] = useState<Errors | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [steps, setSteps] = useState<{ flowId: string; options: TStepOption[] | null }>({
    flowId: initial.flowId,
    options: initial.flowId ? initialSteps : [],
  });
  const [pending, start] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const nextKey = useRef(initial.bounds.length);
  const focusBound = useRef<number | null>(null);
  const isEdit = Boolean(initial.id);
  const isStream = draft.targetKind === "stream";

  const set = <K extends keyof TFormState>(key: K, value: TFormState[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setThreshold = (key: keyof TFormState["thresholds"], value: string) =>
    setDraft((d) => ({ ...d, thresholds: { ...d.thresholds, [key]: value } }));
  const setBound = (i: number, patch: Partial<TFormState["bounds"][number]>) =>
    setDraft((d) => ({ ...d, bounds: d.bounds.map((b, j) => (j === i ? { ...b, ...patch } : b)) }));

  const chooseFlow = (option: TLookupOption | null) => {
    const flowId = option?.id ?? "";
    setDraft((d) => ({ ...d, flowId, stepId: "" }));
    if (!flowId) return setSteps({ flowId: "", options: [] });
    setSteps({ flowId, options: null });
    void profileStepOptionsAction({ flowId }).then(
      (r) => setSteps((s) => (s.flowId === flowId ? { flowId, options: r.ok ? r.data : [] } : s)),
      () => setSteps((s) => (s.flowId === flowId ? { flowId, options: [] } : s)),
    );
  };

  const addBound = () => {
    const key = nextKey.current++;
    focusBound.current = key;
    setDraft((d) => ({
      ...d,
      bounds: [...d.bounds, { key, column: "", min: "", max: "", minLength: "", maxLength: "" }],
    }));
  };
  const removeBound = (i: number) => {
    setDraft((d) => ({ ...d, bounds: d.bounds.filter((_, j) => j !== i) }));
    // Row errors are keyed by position: stale ones would land on the wrong row.
    setErrors((e) => (e ? Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("bounds."))) : e));
  };

  useEffect(() => {
    if (focusBound.current === null) return;
    document.getElementById(`pf-bound-${focusBound.current}-column`)?.focus();
    focusBound.current = null;
  }, [draft.bounds.length]);
  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [errors]);

  const submit = () =>
    start(async () => {
      setProblem(null);
      const r = await saveProfileDefinitionAction(formPayload(draft)).catch(() => null);
      if (!r) return setProblem("The connection to the server was lost; nothing was saved.");
      if (!r.ok) {
        setProblem(r.error);
        setErrors(r.fieldErrors ?? {});
        return;
      }
      setErrors(undefined);
      router.push(`/quality/profiling/${r.data.id}`);
      router.refresh();
    });

  const err = (path: string) => errors?.[path];
  const cronRuns = draft.scheduleKind === "cron" && draft.cron.trim() ? nextCronRuns(draft.cron.trim()) : [];
  // Errors the form has no field for (e.g. a name already taken is on "name", but "_form" or "bounds").
  const shown = new Set([
    "name",
    "description",
    "targetKind",
    "flowId",
    "environmentId",
    "stepId",
    "sqlTable",
    "sqlConnection",
    "scheduleKind",
    "intervalMinutes",
    "cron",
    "baselineRuns",
    "thresholds.nullRateJump",
    "thresholds.volumeDrop",
    "thresholds.outOfRangeGrowth",
    "enabled",
  ]);
  const other = Object.entries(errors ?? {}).filter(
    ([path, m]) => m?.length && !shown.has(path) && !/^bounds\.\d+\./.test(path) && !isBoundColumnPath(path, draft),
  );

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={isEdit ? `Edit profile ${initial.name}` : "New profile"}
      className="space-y-8"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {problem && (
        <Notice tone="danger" title={problem}>
          {other.length > 0 && (
            <ul className="list-disc pl-5">
              {other.map(([path, m]) => (
                <li key={path}>{m!.join(" ")}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}

      <Section title="Profile">
        <div className="grid gap-4 md:grid-cols-2">
          <FormField id="pf-name" label="Name" errors={err("name")}>
            {(a) => <Input {...a} value={draft.name} onChange={(e) => set("name", e.target.value)} maxLength={120} />}
          </FormField>
          <div className="flex items-end pb-2">
            <label className="inline-flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="h-4 w-4 rounded border-slate-300 text-indigo-600"
                checked={draft.enabled}
                onChange={(e) => set("enabled", e.target.checked)}
              />
              Run on schedule (unticked: paused; Run now still works)
            </label>
          </div>
          <div className="md:col-span-2">
            <FormField id="pf-description" label="Description" hint="Optional." errors={err("description")}>
              {(a) => (
                <Textarea
                  {...a}
                  className="min-h-16"
                  value={draft.description}
                  onChange={(e) => set("description", e.target.value)}
                />
              )}
            </FormField>
          </div>
        </div>
      </Section>

      <Section title="What to profile">
        <RadioGroup
          name="targetKind"
          label="Target"
          value={draft.targetKind}
          onChange={(v) => set("targetKind", v as TFormState["targetKind"])}
          errors={err("targetKind")}
          options={[
            {
              value: "stream",
              label: "A flow's message stream",
              hint: "The flow's profile steps collect sketches per minute; a run merges its window.",
            },
            { value: "sql", label: "A SQL table", hint: "Read in full by the engine on each run, with progress." },
          ]}
        />
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {!isStream && (
            <>
              <FormField id="pf-table" label="Table" hint="customers or public.customers" errors={err("sqlTable")}>
                {(a) => (
                  <Input
                    {...a}
                    value={draft.sqlTable}
                    onChange={(e) => set("sqlTable", e.target.value)}
                    className="font-mono"
                    autoComplete="off"
                  />
                )}
              </FormField>
              <div className="md:col-span-2">
                <FormField
                  id="pf-connection"
                  label="Connection"
                  hint="Optional: a postgres:// URL or ${secrets.NAME}. Empty: the flow's poll_sql input below, else the engine's own database."
                  errors={err("sqlConnection")}
                >
                  {(a) => (
                    <Input
                      {...a}
                      value={draft.sqlConnection}
                      onChange={(e) => set("sqlConnection", e.target.value)}
                      className="font-mono"
                      autoComplete="off"
                    />
                  )}
                </FormField>
              </div>
            </>
          )}
          <FormField
            id="pf-flow"
            label={isStream ? "Flow" : "Through a flow's poll_sql input"}
            hint={isStream ? undefined : "Optional."}
            errors={err("flowId")}
          >
            {(a) => (
              <Combobox
                {...a}
                search={searchFlows}
                defaultValue={flow}
                onChange={chooseFlow}
                noun="flow"
                placeholder="Search flows"
              />
            )}
          </FormField>
          <FormField
            id="pf-env"
            label="Environment"
            hint={isStream ? undefined : "Of the flow's deployment, or whose variables the connection reads."}
            errors={err("environmentId")}
          >
            {(a) => (
              <Select {...a} value={draft.environmentId} onChange={(e) => set("environmentId", e.target.value)}>
                <option value="">{isStream ? "Choose an environment…" : "None"}</option>
                {environments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.label}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          {isStream && (
            <FormField
              id="pf-step"
              label="Profile step"
              hint={
                steps.options === null
                  ? "Loading the flow's steps…"
                  : draft.flowId && steps.options.length === 0
                    ? "This flow has no profile step yet: add a step with use: profile, then deploy it."
                    : "Only this step's sketches, or every profile step of the flow."
              }
              errors={err("stepId")}
            >
              {(a) => (
                <Select
                  {...a}
                  value={draft.stepId}
                  onChange={(e) => set("stepId", e.target.value)}
                  disabled={!draft.flowId || steps.options === null}
                >
                  <option value="">Every profile step</option>
                  {(steps.options ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                  {draft.stepId && !(steps.options ?? []).some((s) => s.id === draft.stepId) && (
                    <option value={draft.stepId}>{draft.stepId} (not in the flow now)</option>
                  )}
                </Select>
              )}
            </FormField>
          )}
        </div>
      </Section>

      <Section title="Schedule" description="Times are UTC. A run can also be started by hand from the profile's page.">
        <RadioGroup
          name="scheduleKind"
          label="Runs"
          value={draft.scheduleKind}
          onChange={(v) => set("scheduleKind", v as TFormState["scheduleKind"])}
          errors={err("scheduleKind")}
          options={[
            { value: "interval", label: "Every few minutes" },
            { value: "cron", label: "On a cron schedule" },
          ]}
        />
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {draft.scheduleKind === "interval" ? (
            <FormField
              id="pf-interval"
              label="Interval (minutes)"
              hint="5 to 10080 (7 days)."
              errors={err("intervalMinutes")}
            >
              {(a) => (
                <Input
                  {...a}
                  inputMode="numeric"
                  value={draft.intervalMinutes}
                  onChange={(e) => set("intervalMinutes", e.target.value)}
                />
              )}
            </FormField>
          ) : (
            <div className="md:col-span-2">
              <FormField
                id="pf-cron"
                label="Cron expression"
                hint="minute hour day-of-month month day-of-week, e.g. 0 6 * * 1-5 (06:00 UTC on weekdays)."
                errors={err("cron")}
              >
                {(a) => (
                  <Input
                    {...a}
                    className="font-mono"
                    value={draft.cron}
                    onChange={(e) => set("cron", e.target.value)}
                    autoComplete="off"
                  />
                )}
              </FormField>
              <p className="mt-1 text-xs text-slate-600" aria-live="polite">
                {cronRuns.length ? `Next: ${cronRuns.map(formatWhen).join(", ")} UTC` : null}
              </p>
            </div>
          )}
        </div>
      </Section>

      <Section
        title="Anomaly detection"
        description="Each run is compared with the mean of the runs in its baseline; a deviation past a threshold is an anomaly and raises an alert. New formats, patterns and value types always count."
      >
        <div className="grid gap-4 md:grid-cols-4">
          <FormField
            id="pf-baseline"
            label="Baseline runs"
            hint="The last N successful runs."
            errors={err("baselineRuns")}
          >
            {(a) => (
              <Input
                {...a}
                inputMode="numeric"
                value={draft.baselineRuns}
                onChange={(e) => set("baselineRuns", e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="pf-t-null"
            label="Null-rate jump (%)"
            hint="Points above the baseline's null rate."
            errors={err("thresholds.nullRateJump")}
          >
            {(a) => (
              <Input
                {...a}
                inputMode="decimal"
                value={draft.thresholds.nullRateJump}
                onChange={(e) => setThreshold("nullRateJump", e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="pf-t-volume"
            label="Volume drop (%)"
            hint="Fewer rows than the baseline by this share."
            errors={err("thresholds.volumeDrop")}
          >
            {(a) => (
              <Input
                {...a}
                inputMode="decimal"
                value={draft.thresholds.volumeDrop}
                onChange={(e) => setThreshold("volumeDrop", e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="pf-t-range"
            label="Out-of-range growth (%)"
            hint="Points more values outside the bounds."
            errors={err("thresholds.outOfRangeGrowth")}
          >
            {(a) => (
              <Input
                {...a}
                inputMode="decimal"
                value={draft.thresholds.outOfRangeGrowth}
                onChange={(e) => setThreshold("outOfRangeGrowth", e.target.value)}
              />
            )}
          </FormField>
        </div>
      </Section>

      <Section
        title="Per-column bounds"
        description="Values below the minimum or above the maximum (numbers), or shorter or longer than the lengths (text), are counted as out of range. Nested fields are dotted paths, e.g. customer.age."
      >
        {draft.bounds.length > 0 && (
          <table className="mb-3 w-full text-left text-sm" aria-label="Per-column bounds">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1 pr-2">Column</th>
                <th className="py-1 pr-2">Min</th>
                <th className="py-1 pr-2">Max</th>
                <th className="py-1 pr-2">Min length</th>
                <th className="py-1 pr-2">Max length</th>
                <th className="py-1">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.bounds.map((b, i) => {
                const rowErrors = boundRowErrors(errors, i, b.column);
                const name = b.column || `row ${i + 1}`;
                return (
                  <tr key={b.key} className="align-top">
                    {(["column", "min", "max", "minLength", "maxLength"] as const).map((field) => {
                      const id = `pf-bound-${b.key}-${field}`;
                      const fieldErrors = rowErrors[field];
                      return (
                        <td key={field} className="py-1 pr-2">
                          <Input
                            id={id}
                            aria-label={`${BOUND_LABELS[field]} of ${name}`}
                            aria-invalid={Boolean(fieldErrors?.length)}
                            aria-describedby={fieldErrors?.length ? `${id}-error` : undefined}
                            className={`${cellInput} ${field === "column" ? "font-mono" : ""}`}
                            inputMode={field === "column" ? undefined : "decimal"}
                            value={b[field]}
                            onChange={(e) => setBound(i, { [field]: e.target.value })}
                            autoComplete="off"
                          />
                          {fieldErrors?.length ? (
                            <p id={`${id}-error`} className="mt-0.5 text-xs font-medium text-red-600">
                              {fieldErrors.join(" ")}
                            </p>
                          ) : null}
                        </td>
                      );
                    })}
                    <td className="py-1">
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => removeBound(i)}
                        aria-label={`Remove bounds of ${name}`}
                      >
                        Remove
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <Button variant="secondary" size="sm" onClick={addBound}>
          Add column bounds
        </Button>
      </Section>

      <div className="flex gap-2 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : isEdit ? "Save profile" : "Create profile"}
        </Button>
        <Button
          variant="secondary"
          onClick={() => router.push(isEdit ? `/quality/profiling/${initial.id}` : "/quality/profiling")}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}

const BOUND_LABELS = {
  column: "Column",
  min: "Minimum",
  max: "Maximum",
  minLength: "Minimum length",
  maxLength: "Maximum length",
};

/** The service keys bound errors by column ("bounds.customer.age.max"); those are shown on the row. */
function isBoundColumnPath(path: string, draft: TFormState) {
  return draft.bounds.some((b) => b.column && path.startsWith(`bounds.${b.column}.`));
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-slate-900">{title}</legend>
      {description && <p className="-mt-1 max-w-3xl text-sm text-slate-500">{description}</p>}
      {children}
    </fieldset>
  );
}

/** Native radios: arrow keys move between them, as a radio group should. */
function RadioGroup({
  name,
  label,
  value,
  onChange,
  options,
  errors,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string; hint?: string }[];
  errors?: string[];
}) {
  const errorId = `pf-${name}-error`;
  return (
    <div
      role="radiogroup"
      aria-label={label}
      aria-invalid={Boolean(errors?.length)}
      aria-describedby={errors?.length ? errorId : undefined}
      // Focusable when invalid, so the form's focus-the-first-error lands on the group.
      tabIndex={errors?.length ? -1 : undefined}
    >
      <div className="flex flex-wrap gap-6">
        {options.map((o) => (
          <label key={o.value} className="flex max-w-sm items-start gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className={`${radio} mt-0.5`}
            />
            <span>
              <span className="font-medium">{o.label}</span>
              {o.hint && <span className="block text-xs text-slate-500">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-600">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
