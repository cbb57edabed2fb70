"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type ChangeEvent } from "react";
import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import type { TApiBackend } from "@/lib/apis/document";
import { addApiRevisionAction } from "../actions";

/** "Line 12 (/paths/…): message" → 12, so the form can show the line the problem is on. */
const lineOf = (problem: string) => {
  const m = /^Line (\d+)/.exec(problem);
  return m ? Number(m[1]) : null;
};

/**
 * A new revision of <product>/v<major> from an uploaded file or pasted text (JSON or YAML). The
 * server parses and validates it; each problem comes back at its line and JSON pointer, shown here
 * with that line of the text. On success the revision's page opens (with its diff and gate).
 */
export function RevisionForm({
  productKey,
  major,
  initial,
  flowNames,
}: {
  productKey: string;
  major: number;
  initial: { source: string; backend: TApiBackend | null; jwksUrl: string; syncTimeoutMs: number };
  flowNames: string[];
}) {
  const router = useRouter();
  const listId = useId();
  const { state, pending, errors, formProps } = useFormAction(addApiRevisionAction);
  const [source, setSource] = useState(initial.source);
  const [backendKind, setBackendKind] = useState<"flow" | "http">(initial.backend?.kind ?? "http");
  const [fileNote, setFileNote] = useState<string | null>(null);
  useEffect(() => {
    if (state?.ok) router.push(`/apis/${productKey}/v${major}/revisions/${state.data.number}`);
  }, [state, router, productKey, major]);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setSource(await file.text());
    setFileNote(`Loaded ${file.name} (${Math.ceil(file.size / 1024)} KB).`);
  };
  const lines = source.split("\n");
  const problems = errors?.source ?? [];
  return (
    <form {...formProps} className="space-y-5" noValidate aria-label="New revision">
      <input type="hidden" name="productKey" value={productKey} />
      <input type="hidden" name="major" value={major} />
      <div>
        <label htmlFor="revision-file" className="block text-sm font-medium text-slate-700">
          Upload a file
        </label>
        <input
          id="revision-file"
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
          onChange={onFile}
          className="mt-1 block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        />
        {fileNote && <p className="mt-1 text-xs text-slate-500">{fileNote}</p>}
      </div>
      <FormField
        id="revision-source"
        label="OpenAPI document (JSON or YAML)"
        hint="OpenAPI 3.0 or 3.1. info.version becomes the revision's semantic version."
      >
        {(a) => (
          <Textarea
            {...a}
            aria-invalid={problems.length > 0}
            name="source"
            value={source}
            onChange={(e) => setSource(e.target.value)}
            rows={18}
            spellCheck={false}
            className="font-mono text-xs"
          />
        )}
      </FormField>
      {problems.length > 0 && (
        <div role="status" className="rounded-md bg-red-50 p-4 ring-1 ring-inset ring-red-200" aria-label="Problems">
          <p className="text-sm font-medium text-red-700">
            {problems.length === 1 ? "1 problem" : `${problems.length} problems`} in the document
          </p>
          <ol className="mt-2 space-y-2" data-testid="revision-problems">
            {problems.map((p, i) => {
              const line = lineOf(p);
              return (
                <li key={i} className="text-sm text-red-800">
                  <p>{p}</p>
                  {line !== null && lines[line - 1] !== undefined && (
                    <pre className="mt-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-red-100">
                      <span className="mr-3 select-none text-slate-400">{line}</span>
                      {lines[line - 1]}
                    </pre>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      <fieldset className="grid gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Where requests go</legend>
        <FormField id="revision-backend-kind" label="Backend" errors={errors?.backendKind}>
          {(a) => (
            <Select
              {...a}
              name="backendKind"
              value={backendKind}
              onChange={(e) => setBackendKind(e.target.value as "flow" | "http")}
            >
              <option value="http">HTTP upstream</option>
              <option value="flow">Flow</option>
            </Select>
          )}
        </FormField>
        {backendKind === "flow" ? (
          <FormField
            id="revision-backend-flow"
            label="Flow"
            hint="The flow deployed in the same environment answers each request."
            errors={errors?.backendFlow}
          >
            {(a) => (
              <>
                <Input
                  {...a}
                  name="backendFlow"
                  list={listId}
                  defaultValue={initial.backend?.kind === "flow" ? initial.backend.flow : ""}
                  autoComplete="off"
                />
                <datalist id={listId}>
                  {flowNames.map((n) => (
                    <option key={n} value={n} />
                  ))}
                </datalist>
              </>
            )}
          </FormField>
        ) : (
          <FormField
            id="revision-backend-url"
            label="Upstream base URL"
            hint="The path after /<api>/v<major> is appended. May start with ${vars.NAME}."
            errors={errors?.backendUrl}
          >
            {(a) => (
              <Input
                {...a}
                name="backendUrl"
                defaultValue={initial.backend?.kind === "http" ? initial.backend.url : ""}
                placeholder="https://orders.internal/api"
              />
            )}
          </FormField>
        )}
        <FormField
          id="revision-timeout"
          label="Synchronous timeout (ms)"
          hint="Past this the gateway answers 202 with a status resource."
          errors={errors?.syncTimeoutMs}
        >
          {(a) => (
            <Input
              {...a}
              name="syncTimeoutMs"
              type="number"
              min={100}
              max={120000}
              defaultValue={initial.syncTimeoutMs}
            />
          )}
        </FormField>
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="revision-jwks"
          label="JWKS URL (optional)"
          hint="Also accept JWT bearer tokens signed by these keys."
          errors={errors?.jwksUrl}
        >
          {(a) => (
            <Input {...a} name="jwksUrl" defaultValue={initial.jwksUrl} placeholder="https://idp.example/jwks.json" />
          )}
        </FormField>
        <FormField id="revision-note" label="Note (optional)" errors={errors?.note}>
          {(a) => <Input {...a} name="note" placeholder="What changed" />}
        </FormField>
      </div>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Checking…" : "Save revision"}
      </Button>
    </form>
  );
}
