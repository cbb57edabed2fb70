"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button, Card, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import { formDataToObject } from "@/lib/utils/form-data";
import {
  ARCHITECTURES,
  DEPLOYMENT_MODELS,
  HOSTING,
  label,
  LATENCY_NEEDS,
  LEGAL_BASES,
  PATTERNS,
  PAYLOAD_FORMATS,
  REGIONS,
  SCALABILITY_NEEDS,
  SOURCE_CAPABILITIES,
  VOLATILITY,
  type TAdvisorInput,
} from "@/lib/validation/advisor";
import { previewAdviceAction, recordDecisionAction } from "../actions";
import { AdviceView, type AdviceShape } from "./advice-view";

const PREVIEW_DELAY_MS = 300;

function Choice({
  name,
  title,
  values,
  value,
  errors,
  hint,
}: {
  name: string;
  title: string;
  values: readonly string[];
  value?: string;
  errors?: string[];
  hint?: string;
}) {
  return (
    <FormField id={`a-${name}`} label={title} errors={errors} hint={hint}>
      {(a) => (
        <Select {...a} name={name} defaultValue={value ?? values[0]}>
          {values.map((v) => (
            <option key={v} value={v}>
              {label(v)}
            </option>
          ))}
        </Select>
      )}
    </FormField>
  );
}

function Checks({
  name,
  title,
  values,
  checked,
  errors,
}: {
  name: string;
  title: string;
  values: readonly string[];
  checked?: readonly string[];
  errors?: string[];
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">{title}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {values.map((v) => (
          <label key={v} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name={name} value={v} defaultChecked={checked?.includes(v)} className="h-4 w-4" />
            {label(v)}
          </label>
        ))}
      </div>
      {errors && <p className="text-xs font-medium text-red-600">{errors.join(" ")}</p>}
    </fieldset>
  );
}

/** The advisor's inputs for one interface, a live recommendation, and recording it as an ADR. */
export function AdvisorForm({
  interfaceId,
  interfaceName,
  defaults,
  canDecide,
}: {
  interfaceId: string;
  interfaceName: string;
  defaults: Partial<TAdvisorInput>;
  canDecide: boolean;
}) {
  const router = useRouter();
  const [advice, setAdvice] = useState<AdviceShape | null>(null);
  const [previewErrors, setPreviewErrors] = useState<Record<string, string[]> | undefined>();
  const form = useRef<HTMLFormElement>(null);
  const { state, pending, formProps } = useFormAction(recordDecisionAction, form);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const preview = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      if (!form.current) return;
      const r = await previewAdviceAction(formDataToObject(new FormData(form.current)));
      if (r.ok) {
        setAdvice(r.data);
        setPreviewErrors(undefined);
      } else setPreviewErrors(r.fieldErrors);
    }, PREVIEW_DELAY_MS);
  };
  // Preview the inventory-based defaults right away.
  useEffect(() => {
    preview();
    return () => clearTimeout(timer.current);
  }, []);
  useEffect(() => {
    if (state?.ok) router.push(`/advisor/${state.data.id}?recorded=1`);
  }, [state, router]);

  const submitErrors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: string) => submitErrors?.[`inputs.${name}`] ?? previewErrors?.[name];
  const d = defaults;

  return (
    <form {...formProps} onChange={preview} className="space-y-6" noValidate>
      <input type="hidden" name="interfaceId" value={interfaceId} />
      <Card
        title="Interface profile"
        description="Prefilled from the inventory where it knows the answer; adjust to what you expect."
      >
        <div className="grid gap-4 sm:grid-cols-3">
          <Choice
            name="volatility"
            title="System volatility"
            values={VOLATILITY}
            value={d.volatility ?? "medium"}
            errors={err("volatility")}
            hint="How often the systems or their schemas change."
          />
          <FormField id="a-messagesPerDay" label="Messages per day" errors={err("messagesPerDay")}>
            {(a) => <Input {...a} name="messagesPerDay" inputMode="numeric" defaultValue={d.messagesPerDay ?? 1000} />}
          </FormField>
          <FormField id="a-endpointCount" label="Endpoints (systems taking part)" errors={err("endpointCount")}>
            {(a) => <Input {...a} name="endpointCount" inputMode="numeric" defaultValue={d.endpointCount ?? 2} />}
          </FormField>
          <Choice
            name="latency"
            title="Latency need"
            values={LATENCY_NEEDS}
            value={d.latency ?? "minutes"}
            errors={err("latency")}
          />
          <Choice
            name="scalability"
            title="Scalability need"
            values={SCALABILITY_NEEDS}
            value={d.scalability ?? "stable"}
            errors={err("scalability")}
          />
          <Choice
            name="sourceFormat"
            title="Source payload format"
            values={PAYLOAD_FORMATS}
            value={d.sourceFormat}
            errors={err("sourceFormat")}
          />
        </div>
        <div className="mt-4 grid gap-4">
          <Checks
            name="sourceCapabilities"
            title="Source capabilities"
            values={SOURCE_CAPABILITIES}
            checked={d.sourceCapabilities ?? ["sync_api"]}
            errors={err("sourceCapabilities")}
          />
          <Checks
            name="targetFormats"
            title="Formats the recipient accepts"
            values={PAYLOAD_FORMATS}
            checked={d.targetFormats ?? ["json"]}
            errors={err("targetFormats")}
          />
        </div>
      </Card>
      <Card title="Hosting and data residency">
        <div className="grid gap-4 sm:grid-cols-3">
          <Choice
            name="sourceHosting"
            title="Source hosting"
            values={HOSTING}
            value={d.sourceHosting}
            errors={err("sourceHosting")}
          />
          <Choice
            name="targetHosting"
            title="Target hosting"
            values={HOSTING}
            value={d.targetHosting}
            errors={err("targetHosting")}
          />
          <div />
          <Choice
            name="sourceRegion"
            title="Source region"
            values={REGIONS}
            value={d.sourceRegion}
            errors={err("sourceRegion")}
          />
          <Choice
            name="targetRegion"
            title="Target region"
            values={REGIONS}
            value={d.targetRegion}
            errors={err("targetRegion")}
          />
          <Choice
            name="legalBasis"
            title="Legal basis for transfer"
            values={LEGAL_BASES}
            value={d.legalBasis ?? "none"}
            errors={err("legalBasis")}
            hint="Needed when EU personal data leaves the EU/EEA."
          />
        </div>
        <div className="mt-4 flex flex-wrap gap-6">
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="containsPersonalData?"
              defaultChecked={d.containsPersonalData}
              className="h-4 w-4"
            />
            Carries personal data
          </label>
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="mustStayOnPrem?" defaultChecked={d.mustStayOnPrem} className="h-4 w-4" />
            Data must stay on-premises (regulation or contract)
          </label>
        </div>
      </Card>
      <Card title="Recommendation" description={`For ${interfaceName}. Updates as you change the profile.`}>
        {advice ? (
          <AdviceView advice={advice} />
        ) : (
          <p className="text-sm text-slate-500">Fill in the profile to see the recommendation.</p>
        )}
      </Card>
      {canDecide && (
        <Card
          title="Record the decision"
          description="Kept as an architecture decision record linked to the interface; it supersedes the interface's earlier decision."
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <FormField id="a-title" label="Title" errors={submitErrors?.title}>
                {(a) => <Input {...a} name="title" defaultValue={`Integration architecture for ${interfaceName}`} />}
              </FormField>
            </div>
            <div className="sm:col-span-2">
              <FormField
                id="a-context"
                label="Context"
                hint="Constraints and forces behind the decision."
                errors={submitErrors?.context}
              >
                {(a) => <Textarea {...a} name="context" rows={3} />}
              </FormField>
            </div>
            {(
              [
                ["architecture", "Architecture", ARCHITECTURES],
                ["pattern", "Pattern", PATTERNS],
                ["deploymentModel", "Deployment model", DEPLOYMENT_MODELS],
                ["payloadFormat", "Payload format", PAYLOAD_FORMATS],
              ] as const
            ).map(([name, title, values]) => (
              <FormField key={name} id={`a-${name}`} label={`${title} decided`} errors={submitErrors?.[name]}>
                {(a) => (
                  <Select {...a} name={name} defaultValue="">
                    <option value="">As recommended{advice ? ` (${label(advice[name].choice)})` : ""}</option>
                    {values.map((v) => (
                      <option key={v} value={v}>
                        {label(v)}
                      </option>
                    ))}
                  </Select>
                )}
              </FormField>
            ))}
            <div className="sm:col-span-2">
              <FormField
                id="a-overrideReason"
                label="Reason for overriding"
                hint="Required when a decision differs from the recommendation."
                errors={submitErrors?.overrideReason}
              >
                {(a) => <Textarea {...a} name="overrideReason" rows={2} />}
              </FormField>
            </div>
          </div>
          {state && !state.ok && (
            <div className="mt-4">
              <Notice tone="danger">{state.error}</Notice>
            </div>
          )}
          <div className="mt-4">
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {pending ? "Recording…" : "Record decision"}
            </Button>
          </div>
        </Card>
      )}
    </form>
  );
}
