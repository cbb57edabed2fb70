"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button, Combobox, FormField, Input, Notice } from "@/components/ui";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows } from "../../../_lookups/search";
import { suggestForFlowAction } from "../actions";

/** Runs the PII detectors over a flow's recent inputs; the suggestions then appear in the table to decide. */
export function SuggestForm({ defaultFlow }: { defaultFlow: TLookupOption | null }) {
  const router = useRouter();
  const [flow, setFlow] = useState<TLookupOption | null>(defaultFlow);
  const [sampleSize, setSampleSize] = useState("100");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [message, setMessage] = useState<{ tone: "success" | "danger" | "info"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    if (!flow) {
      setErrors({ flowId: ["Choose a flow."] });
      return;
    }
    startTransition(async () => {
      const res = await suggestForFlowAction({ flowId: flow.id, sampleSize: Number(sampleSize) });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        setMessage({ tone: "danger", text: res.error });
        return;
      }
      setErrors({});
      const { scanned, suggested } = res.data;
      setMessage(
        scanned === 0
          ? {
              tone: "info",
              text: `${flow.label} has no stored input payloads to scan yet (payloads are kept for failed messages, or for all with ENGINE_RETAIN_PAYLOADS=all).`,
            }
          : {
              tone: suggested ? "success" : "info",
              text: `Scanned ${scanned} message${scanned === 1 ? "" : "s"}: ${suggested ? `${suggested} new suggestion${suggested === 1 ? "" : "s"} to confirm or dismiss in the table.` : "nothing new to suggest."}`,
            },
      );
      if (suggested) router.push(`/quality/privacy?f.flow=${encodeURIComponent(flow.id)}&f.status=suggested`);
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Suggest classifications for a flow" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="suggest-flow" label="Flow" errors={errors.flowId}>
          {(a) => <Combobox {...a} search={searchFlows} noun="flow" value={flow} onChange={setFlow} />}
        </FormField>
        <FormField
          id="suggest-sample"
          label="Messages to scan"
          hint="The most recent ones, at most 500"
          errors={errors.sampleSize}
        >
          {(a) => (
            <Input
              {...a}
              type="number"
              min={1}
              max={500}
              value={sampleSize}
              onChange={(e) => setSampleSize(e.target.value)}
            />
          )}
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {pending ? "Scanning…" : "Suggest for flow"}
        </Button>
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
      </div>
    </form>
  );
}
