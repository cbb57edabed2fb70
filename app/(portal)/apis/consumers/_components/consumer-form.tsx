"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import type { ApiConsumerDetail } from "@/lib/services/apis/consumers";
import { saveConsumerAction } from "../actions";

type Options = { plans: { id: string; name: string; allows: string }[]; systems: { id: string; name: string }[] };

export function ConsumerForm({ consumer, options }: { consumer?: ApiConsumerDetail; options: Options }) {
  const router = useRouter();
  const { state, pending, errors, formProps } = useFormAction(saveConsumerAction);
  useEffect(() => {
    if (state?.ok) router.push(`/apis/consumers/${state.data.id}?saved=1`);
  }, [state, router]);
  if (options.plans.length === 0) {
    return (
      <Notice tone="warning" title="Create a plan first">
        Every consumer calls under a plan. <a href="/apis/plans/new">Create a plan</a>, then come back.
      </Notice>
    );
  }
  return (
    <form {...formProps} className="max-w-3xl space-y-4" noValidate>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {consumer && <input type="hidden" name="id" value={consumer.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <FormField id="name" label="Name" errors={errors?.name}>
          {(a) => <Input {...a} name="name" defaultValue={consumer?.name ?? ""} required autoFocus />}
        </FormField>
        <FormField
          id="key"
          label="Key"
          errors={errors?.key}
          hint="Lowercase letters, digits and hyphens, e.g. “partner-portal”. Shown in analytics and logs."
        >
          {(a) => <Input {...a} name="key" defaultValue={consumer?.key ?? ""} required className="font-mono" />}
        </FormField>
        <FormField
          id="contactEmail"
          label="Contact email"
          errors={errors?.contactEmail}
          hint="Who is told about deprecations and incidents."
        >
          {(a) => <Input {...a} name="contactEmail" type="email" defaultValue={consumer?.contactEmail ?? ""} />}
        </FormField>
        <FormField
          id="systemId"
          label="System"
          errors={errors?.systemId}
          hint="The inventory system behind this consumer; ties its calls to the catalog."
        >
          {(a) => (
            <Select {...a} name="systemId" defaultValue={consumer?.system?.id ?? ""}>
              <option value="">None</option>
              {options.systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="planId" label="Plan" errors={errors?.planId}>
          {(a) => (
            <Select {...a} name="planId" defaultValue={consumer?.plan.id ?? options.plans[0].id} required>
              {options.plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.allows})
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="latencyToleranceMs"
          label="Latency tolerance (ms)"
          errors={errors?.latencyToleranceMs}
          hint="The longest it waits for a synchronous answer; the advisor suggests async above it. Empty: not declared."
        >
          {(a) => (
            <Input
              {...a}
              name="latencyToleranceMs"
              type="number"
              min="1"
              step="1"
              defaultValue={consumer?.latencyToleranceMs ?? ""}
            />
          )}
        </FormField>
      </div>
      <FormField
        id="jwtSubjects"
        label="JWT subjects"
        errors={errors?.jwtSubjects}
        hint="One `sub` claim per line. A bearer token with one of these subjects calls as this consumer."
      >
        {(a) => (
          <Textarea
            {...a}
            name="jwtSubjects"
            defaultValue={consumer?.jwtSubjects.join("\n") ?? ""}
            className="font-mono"
            spellCheck={false}
          />
        )}
      </FormField>
      {!consumer && (
        <p className="text-sm text-slate-600">
          A callback secret for signed webhooks is generated when the consumer is created; it is shown on its page.
        </p>
      )}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : consumer ? "Save consumer" : "Create consumer"}
      </Button>
    </form>
  );
}
