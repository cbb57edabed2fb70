"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import { openChangeAction } from "../actions";
import { utcFromLocalInput } from "../_lib/time";

type Option = { value: string; label: string };

export function ChangeForm({
  defaults,
  environments,
  models,
  versions,
  item,
}: {
  defaults: {
    title: string;
    environmentKey: string;
    windowStart: string;
    windowEnd: string;
    rolloutPlan: string;
    rollbackPlan: string;
    versionId: string;
  };
  environments: Option[];
  models: Option[];
  /** The flow's versions to choose from. */
  versions: Option[];
  item: { kind: string; label: string };
}) {
  const router = useRouter();
  const { state, pending, formProps, errors } = useFormAction(openChangeAction);
  const [type, setType] = useState("normal");
  const [versionId, setVersionId] = useState(defaults.versionId);
  const [start, setStart] = useState(defaults.windowStart);
  const [end, setEnd] = useState(defaults.windowEnd);
  useEffect(() => {
    if (state?.ok) router.push(`/changes/${state.data.id}?opened=1`);
  }, [state, router]);
  const itemErrors = Object.entries(errors ?? {})
    .filter(([k]) => k === "items" || k.startsWith("items."))
    .flatMap(([, v]) => v);
  return (
    <form {...formProps} className="space-y-5" noValidate aria-label="Open a change request">
      <input type="hidden" name="items" value={JSON.stringify([{ kind: item.kind, versionId }])} />
      <input type="hidden" name="windowStart" value={utcFromLocalInput(start)} />
      <input type="hidden" name="windowEnd" value={utcFromLocalInput(end)} />
      <FormField id="change-title" label="Title" errors={errors?.title}>
        {(a) => <Input {...a} name="title" defaultValue={defaults.title} />}
      </FormField>
      <div className="grid gap-4 md:grid-cols-3">
        <FormField
          id="change-item"
          label={`${item.label}: version`}
          errors={itemErrors.length ? itemErrors : undefined}
        >
          {(a) => (
            <Select {...a} value={versionId} onChange={(e) => setVersionId(e.target.value)}>
              {versions.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="change-environment" label="Environment" errors={errors?.environmentKey}>
          {(a) => (
            <Select {...a} name="environmentKey" defaultValue={defaults.environmentKey}>
              {environments.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="change-type"
          label="Type"
          hint={
            type === "standard"
              ? "Pre-approved by its model while the risk stays within it."
              : type === "emergency"
                ? "May deploy first; needs two approvals afterwards and a post-implementation review."
                : "The CAB votes; the quorum follows the risk level."
          }
          errors={errors?.type}
        >
          {(a) => (
            <Select {...a} name="type" value={type} onChange={(e) => setType(e.target.value)}>
              <option value="normal">Normal</option>
              <option value="standard">Standard (from a change model)</option>
              <option value="emergency">Emergency</option>
            </Select>
          )}
        </FormField>
      </div>
      {type === "standard" && (
        <FormField id="change-model" label="Change model" errors={errors?.modelKey}>
          {(a) => (
            <Select {...a} name="modelKey" defaultValue="">
              <option value="">Choose a model…</option>
              {models.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="change-window-start" label="Window start (UTC)" errors={errors?.windowStart}>
          {(a) => <Input {...a} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
        </FormField>
        <FormField id="change-window-end" label="Window end (UTC)" errors={errors?.windowEnd}>
          {(a) => <Input {...a} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />}
        </FormField>
      </div>
      <FormField
        id="change-description"
        label="Description"
        hint="Why, and what the CAB should know."
        errors={errors?.description}
      >
        {(a) => <Textarea {...a} name="description" rows={3} />}
      </FormField>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="change-rollout" label="Rollout plan" errors={errors?.rolloutPlan}>
          {(a) => <Textarea {...a} name="rolloutPlan" defaultValue={defaults.rolloutPlan} rows={4} />}
        </FormField>
        <FormField id="change-rollback" label="Rollback plan" errors={errors?.rollbackPlan}>
          {(a) => <Textarea {...a} name="rollbackPlan" defaultValue={defaults.rollbackPlan} rows={4} />}
        </FormField>
      </div>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Opening…" : "Open change request"}
      </Button>
    </form>
  );
}
