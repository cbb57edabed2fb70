"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import YAML from "yaml";
import { Button, Card, FormField, Input, Notice, Select, Tabs, Textarea } from "@/components/ui";
import { saveFlowAction, validateFlowAction } from "../actions";
import { errorsUnder, nextStepId, setIn, type JsonSchema } from "../_lib/schema-form";
import { ConfigFields } from "./config-fields";
import type { TLookupOption } from "@/lib/validation/lookup";
import { InterfacePicker } from "./interface-picker";

export type CatalogEntry = {
  kind: "input" | "processor" | "output";
  name: string;
  status: string;
  summary: string;
  configSchema: JsonSchema;
};

type Part = { id?: string; use: string; config: Record<string, unknown>; when?: string[] };
export type EditorSpec = {
  name: string;
  description?: string;
  input: Part;
  steps: Part[];
  outputs: Part[];
  policy?: Record<string, unknown>;
};

type Errors = Record<string, string[]> | undefined;

const LIVE_VALIDATION_DELAY_MS = 500;

function emptySpec(catalog: CatalogEntry[]): EditorSpec {
  const input = catalog.find((c) => c.kind === "input" && c.name === "http") ?? catalog.find((c) => c.kind === "input");
  const output =
    catalog.find((c) => c.kind === "output" && c.name === "http") ?? catalog.find((c) => c.kind === "output");
  return {
    name: "",
    description: "",
    input: { use: input?.name ?? "", config: {} },
    steps: [],
    outputs: [{ id: "deliver", use: output?.name ?? "", config: {} }],
    policy: {},
  };
}

/** Errors for exactly this path (not nested ones). */
const at = (errors: Errors, path: string) => errors?.[path];

export function FlowEditor({
  catalog,
  policySchema,
  initialSpec,
  flowId,
  intent,
  initialInterface = null,
}: {
  catalog: CatalogEntry[];
  policySchema: JsonSchema;
  initialSpec?: EditorSpec;
  flowId?: string;
  intent: "create" | "import";
  /** The inventory interface the flow implements (its residency follows the interface's decision). */
  initialInterface?: TLookupOption | null;
}) {
  const router = useRouter();
  const [spec, setSpec] = useState<EditorSpec>(() => initialSpec ?? emptySpec(catalog));
  // Bumped when the whole spec is replaced (YAML applied) so field inputs re-read their values.
  const [revision, setRevision] = useState(0);
  const [liveErrors, setLiveErrors] = useState<Errors>(undefined);
  const [liveState, setLiveState] = useState<"idle" | "checking" | "valid" | "invalid">("idle");
  const [interfaceId, setInterfaceId] = useState(initialInterface?.id ?? "");
  const [state, action, pending] = useActionState(saveFlowAction, null);
  const specJson = useMemo(() => JSON.stringify(spec), [spec]);

  useEffect(() => {
    if (state?.ok)
      router.push(
        `/flows/${state.data.flowId}?saved=${state.data.version}${state.data.isNew ? "" : "&unchanged=1"}${state.data.interfaceChanged ? "&linked=1" : ""}`,
      );
  }, [state, router]);

  // Live validation against the engine registry on the server, debounced while typing.
  const latest = useRef(specJson);
  useEffect(() => {
    latest.current = specJson;
    if (!spec.name) return;
    const timer = setTimeout(async () => {
      setLiveState("checking");
      const result = await validateFlowAction(specJson);
      if (latest.current !== specJson) return;
      setLiveErrors(result.ok ? undefined : (result.fieldErrors ?? { _form: [result.error] }));
      setLiveState(result.ok ? "valid" : "invalid");
    }, LIVE_VALIDATION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [specJson, spec.name]);

  // onSubmit instead of the form's action attribute: React resets uncontrolled fields (owner, note,
  // the YAML text) after a form action, which would lose them when the server answers with errors.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  const submitErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errors: Errors = { ...liveErrors, ...submitErrors };
  const byKind = (kind: CatalogEntry["kind"]) => catalog.filter((c) => c.kind === kind);
  const schemaOf = (kind: CatalogEntry["kind"], name: string) =>
    catalog.find((c) => c.kind === kind && c.name === name);
  const update = (path: string, value: unknown) => setSpec((s) => setIn(s, path, value));

  const addPart = (list: "steps" | "outputs", use: string) =>
    setSpec((s) => ({
      ...s,
      [list]: [
        ...s[list],
        {
          id: nextStepId(
            use,
            [...s.steps, ...s.outputs].map((p) => p.id ?? ""),
          ),
          use,
          config: {},
        },
      ],
    }));
  const removePart = (list: "steps" | "outputs", index: number) => {
    setSpec((s) => ({ ...s, [list]: s[list].filter((_, i) => i !== index) }));
    setRevision((r) => r + 1);
  };
  const movePart = (list: "steps" | "outputs", index: number, delta: number) => {
    setSpec((s) => {
      const parts = [...s[list]];
      const [moved] = parts.splice(index, 1);
      parts.splice(index + delta, 0, moved);
      return { ...s, [list]: parts };
    });
    setRevision((r) => r + 1);
  };

  const partCard = (list: "input" | "steps" | "outputs", part: Part, index: number) => {
    const kind = list === "input" ? "input" : list === "steps" ? "processor" : "output";
    const base = list === "input" ? "input" : `${list}.${index}`;
    const entry = schemaOf(kind, part.use);
    const componentErrors = errorsUnder(errors, base);
    const count = list === "input" ? 1 : spec[list].length;
    return (
      <div
        key={`${base}-${revision}`}
        className="space-y-4 rounded-md border border-slate-200 p-4"
        data-testid={`part-${base}`}
      >
        <div className="grid gap-4 sm:grid-cols-3">
          {list !== "input" && (
            <FormField
              id={`f-${base}-id`}
              label="Step id"
              errors={at(errors, `${base}.id`)}
              hint="Unique in the flow; lower case, digits, - or _."
            >
              {(a) => <Input {...a} value={part.id ?? ""} onChange={(e) => update(`${base}.id`, e.target.value)} />}
            </FormField>
          )}
          <FormField
            id={`f-${base}-use`}
            label={list === "input" ? "Input component" : "Component"}
            errors={at(errors, `${base}.use`)}
            hint={entry?.summary}
          >
            {(a) => (
              <Select
                {...a}
                value={part.use}
                onChange={(e) => {
                  setSpec((s) => setIn(setIn(s, `${base}.use`, e.target.value), `${base}.config`, {}));
                  setRevision((r) => r + 1);
                }}
              >
                {byKind(kind).map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                    {c.status === "beta" ? " (beta)" : ""}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          {list !== "input" && (
            <FormField
              id={`f-${base}-when`}
              label="Only for route branches"
              errors={at(errors, `${base}.when`)}
              hint="Comma-separated branch names from a route step; empty = every message."
            >
              {(a) => (
                <Input
                  {...a}
                  defaultValue={(part.when ?? []).join(", ")}
                  onChange={(e) => {
                    const branches = e.target.value
                      .split(",")
                      .map((b) => b.trim())
                      .filter(Boolean);
                    update(`${base}.when`, branches.length ? branches : undefined);
                  }}
                />
              )}
            </FormField>
          )}
        </div>
        {componentErrors[""] && <p className="text-xs font-medium text-red-600">{componentErrors[""].join(" ")}</p>}
        {at(errors, `${base}.config`) && (
          <p className="text-xs font-medium text-red-600">{at(errors, `${base}.config`)!.join(" ")}</p>
        )}
        {entry ? (
          <ConfigFields
            schema={entry.configSchema}
            value={part.config}
            basePath={`${base}.config`}
            errors={errors}
            onChange={(p, v) => update(`${base}.config.${p}`, v)}
          />
        ) : (
          <p className="text-sm text-red-600">Unknown component “{part.use}”. Choose one from the list.</p>
        )}
        {list !== "input" && (
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="ghost"
              disabled={index === 0}
              onClick={() => movePart(list, index, -1)}
              aria-label={`Move ${part.id} up`}
            >
              Move up
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={index === count - 1}
              onClick={() => movePart(list, index, 1)}
              aria-label={`Move ${part.id} down`}
            >
              Move down
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={list === "outputs" && count === 1}
              onClick={() => removePart(list, index)}
              aria-label={`Remove ${part.id}`}
            >
              Remove
            </Button>
          </div>
        )}
      </div>
    );
  };

  const hidden = (
    <>
      {flowId && <input type="hidden" name="flowId" value={flowId} />}
      <input type="hidden" name="intent" value={intent} />
      {/* Both tabs save the interface chosen on the form tab: it belongs to the flow, not to the spec. */}
      <input type="hidden" name="interfaceId" value={interfaceId} />
    </>
  );

  const formTab = (
    <form onSubmit={submit} className="space-y-6" noValidate>
      {hidden}
      <input type="hidden" name="spec" value={specJson} />
      <Card title="Flow">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            id="f-name"
            label="Flow name"
            errors={at(errors, "name")}
            hint="Lower-case slug; it appears in the gateway URL /flows/<name>/<env>."
          >
            {(a) => (
              <Input
                {...a}
                value={spec.name}
                readOnly={Boolean(flowId)}
                onChange={(e) => update("name", e.target.value)}
                autoFocus={!flowId}
              />
            )}
          </FormField>
          {!flowId && (
            <FormField id="f-owner" label="Owner" hint="Team or person responsible.">
              {(a) => <Input {...a} name="owner" />}
            </FormField>
          )}
          <div className="sm:col-span-2">
            <FormField id="f-description" label="Description" errors={at(errors, "description")}>
              {(a) => (
                <Textarea
                  {...a}
                  rows={2}
                  value={spec.description ?? ""}
                  onChange={(e) => update("description", e.target.value || undefined)}
                />
              )}
            </FormField>
          </div>
          <div className="sm:col-span-2">
            <InterfacePicker initial={initialInterface} onChange={setInterfaceId} errors={at(errors, "interfaceId")} />
          </div>
        </div>
      </Card>
      <Card title="Input" description="Where messages come from.">
        {partCard("input", spec.input, 0)}
      </Card>
      <Card
        title="Steps"
        description="Processors, in order. A filter drops messages; a route step sends them to branches."
      >
        <div className="space-y-4">
          {spec.steps.map((s, i) => partCard("steps", s, i))}
          <AddPart label="Add step" options={byKind("processor")} onAdd={(use) => addPart("steps", use)} />
        </div>
      </Card>
      <Card title="Outputs" description="Where processed messages go. At least one.">
        <div className="space-y-4">
          {at(errors, "outputs") && (
            <p className="text-xs font-medium text-red-600">{at(errors, "outputs")!.join(" ")}</p>
          )}
          {spec.outputs.map((o, i) => partCard("outputs", o, i))}
          <AddPart label="Add output" options={byKind("output")} onAdd={(use) => addPart("outputs", use)} />
        </div>
      </Card>
      <Card title="Policy" description="Retries, timeouts, dead letter channel, idempotency key and concurrency.">
        <ConfigFields
          key={`policy-${revision}`}
          schema={policySchema}
          value={spec.policy ?? {}}
          basePath="policy"
          errors={errors}
          onChange={(p, v) => update(`policy.${p}`, v)}
        />
      </Card>
      <FormField id="f-note" label="Version note" hint="What changed in this version.">
        {(a) => <Input {...a} name="note" />}
      </FormField>
      <Footer state={state} liveState={liveState} pending={pending} errors={errors} />
    </form>
  );

  return (
    <Tabs
      tabs={[
        { id: "form", label: "Form", content: formTab },
        {
          id: "yaml",
          label: "YAML / JSON",
          content: (
            <YamlTab
              spec={spec}
              onSubmit={submit}
              hidden={hidden}
              pending={pending}
              errors={submitErrors}
              error={state && !state.ok ? state.error : undefined}
              onApply={(next) => {
                setSpec(next);
                setRevision((r) => r + 1);
              }}
            />
          ),
        },
      ]}
    />
  );
}

function AddPart({ label, options, onAdd }: { label: string; options: CatalogEntry[]; onAdd: (use: string) => void }) {
  const [choice, setChoice] = useState(options[0]?.name ?? "");
  const id = `add-${label.replace(/\s/g, "-").toLowerCase()}`;
  return (
    <div className="flex items-end gap-2">
      <div className="w-64">
        <FormField id={id} label={`${label}: component`}>
          {(a) => (
            <Select {...a} value={choice} onChange={(e) => setChoice(e.target.value)}>
              {options.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <Button variant="secondary" onClick={() => onAdd(choice)} disabled={!choice}>
        {label}
      </Button>
    </div>
  );
}

function Footer({
  state,
  liveState,
  pending,
  errors,
}: {
  state: Awaited<ReturnType<typeof saveFlowAction>> | null;
  liveState: "idle" | "checking" | "valid" | "invalid";
  pending: boolean;
  errors: Errors;
}) {
  const count = Object.keys(errors ?? {}).length;
  return (
    <div className="space-y-3">
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save version"}
        </Button>
        <span className="text-sm text-slate-500" data-testid="live-validation">
          {liveState === "checking" && "Checking…"}
          {liveState === "valid" && "Spec is valid."}
          {liveState === "invalid" && `${count} field${count === 1 ? "" : "s"} need fixing.`}
        </span>
      </div>
    </div>
  );
}

function YamlTab({
  spec,
  onSubmit,
  hidden,
  pending,
  errors,
  error,
  onApply,
}: {
  spec: EditorSpec;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  hidden: React.ReactNode;
  pending: boolean;
  errors: Errors;
  error?: string;
  onApply: (spec: EditorSpec) => void;
}) {
  const [text, setText] = useState(() => YAML.stringify(spec));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = () => {
    try {
      const parsed = /^\s*[{[]/.test(text) ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: 100 });
      if (!parsed || typeof parsed !== "object" || !("input" in parsed))
        throw new Error("The document needs at least name, input and outputs.");
      onApply({ steps: [], outputs: [], ...parsed } as EditorSpec);
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const loadFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };
  const list = Object.entries(errors ?? {});
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {hidden}
      <p className="text-sm text-slate-600">
        Edit the spec as YAML or JSON, or load a file exported from another environment. Saving validates it exactly
        like the form.
      </p>
      <FormField id="f-file" label="Load a file">
        {(a) => (
          <input
            {...a}
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml"
            onChange={(e) => loadFile(e.target.files?.[0])}
            className="text-sm"
          />
        )}
      </FormField>
      <FormField id="f-document" label="Flow document" errors={errors?.document}>
        {(a) => (
          <Textarea
            {...a}
            name="document"
            rows={24}
            spellCheck={false}
            className="font-mono text-xs"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </FormField>
      {problem && <Notice tone="danger">{problem}</Notice>}
      {error && (
        <Notice tone="danger" title={error}>
          {list.length > 0 && (
            <ul className="list-disc pl-5">
              {list.map(([path, messages]) => (
                <li key={path}>
                  <code>{path}</code>: {messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save version from document"}
        </Button>
        <Button variant="secondary" onClick={apply}>
          Apply to form
        </Button>
      </div>
    </form>
  );
}
