"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Badge, Button, Card, FormField, Input, Notice } from "@/components/ui";
import type { WhereFromResult } from "@/lib/services/quality/lineage";
import { whereFromAction } from "../actions";

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

/** "Where did this value come from": a target record and field, traced back hop by hop. */
export function WhereFromForm() {
  const [result, setResult] = useState<WhereFromResult | null>(null);
  const [error, setError] = useState<{ text: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, start] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    start(async () => {
      const r = await whereFromAction({ ref: String(fd.get("ref") ?? ""), field: String(fd.get("field") ?? "") });
      if (r.ok) {
        setResult(r.data);
        setError(null);
      } else {
        setResult(null);
        setError({ text: r.error, fields: r.fieldErrors });
      }
    });
  };
  return (
    <Card
      title="Where did this value come from?"
      description="Give the target record (a message run id, message id or correlation id) and a field of what was delivered. The trace walks back through each flow's steps and the runs upstream to the source record, with the value at each hop."
    >
      <form
        onSubmit={onSubmit}
        className="grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-end"
        noValidate
        aria-label="Trace a value"
      >
        <FormField id="wf-ref" label="Run, message or correlation id" errors={error?.fields?.ref}>
          {(a) => <Input {...a} name="ref" required />}
        </FormField>
        <FormField
          id="wf-field"
          label="Field in the target record"
          hint="e.g. buyer.name or lines[].sku"
          errors={error?.fields?.field}
        >
          {(a) => <Input {...a} name="field" required />}
        </FormField>
        <Button type="submit" disabled={pending}>
          {pending ? "Tracing…" : "Trace"}
        </Button>
      </form>
      {error && !error.fields && (
        <div className="mt-3">
          <Notice tone="danger">{error.text}</Notice>
        </div>
      )}
      {result && (
        <div className="mt-4 space-y-3" aria-live="polite">
          <ol className="space-y-3">
            {result.hops.map((h, i) => (
              <li key={h.runId} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-medium text-slate-900">
                  {i === 0 ? "Delivered by" : "Upstream:"} {h.flowName}
                  {h.version !== null && ` v${h.version}`} · {h.environmentKey} · <Badge>{h.status}</Badge>{" "}
                  <Badge tone={h.kind === "copy" ? "success" : h.kind === "derived" ? "info" : "warning"}>
                    {h.kind}
                  </Badge>
                </p>
                <p className="text-xs text-slate-500">
                  run {h.runId} · message {h.messageId} · {h.startedAt.replace("T", " ").slice(0, 19)} UTC · lineage{" "}
                  {h.lineageLevel}
                </p>
                <p className="mt-1">
                  <span className="font-mono text-xs">{h.outputPath}</span> ={" "}
                  <span className="font-mono text-xs">
                    {h.payloadsRetained ? show(h.outputValue) : "(payload not retained)"}
                  </span>
                </p>
                {h.inputs.map((x) => (
                  <p key={x.path} className="pl-4">
                    ← from input <span className="font-mono text-xs">{x.path || "(whole body)"}</span> ={" "}
                    <span className="font-mono text-xs">
                      {h.payloadsRetained ? show(x.value) : "(payload not retained)"}
                    </span>
                  </p>
                ))}
                <p className="mt-1 text-xs text-slate-500">
                  Steps:{" "}
                  {[...h.steps]
                    .reverse()
                    .map((s) => `${s.stepId} (${s.inputPaths.join(", ") || "?"} → ${s.outputPaths.join(", ")})`)
                    .join(" → ") || "none"}
                </p>
              </li>
            ))}
          </ol>
          {result.source && (
            <Notice tone="success" title="Source">
              {result.source.system
                ? `${result.source.system} via ${result.source.interfaceName}`
                : "The first flow's input (its flow implements no interface in the inventory)"}
              :{" "}
              {result.source.fields
                .map(
                  (f) => `${f.path || "(whole body)"} = ${result.source!.retained ? show(f.value) : "(not retained)"}`,
                )
                .join("; ")}
            </Notice>
          )}
          {result.notes.map((n) => (
            <Notice key={n} tone="warning">
              {n}
            </Notice>
          ))}
        </div>
      )}
    </Card>
  );
}
