"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Card, FormField, Input, Notice, Select } from "@/components/ui";
import type { TRuleSetDocumentInput } from "@/lib/quality/rules/document";
import { PREVIEW_SIZES } from "@/lib/quality/rules/constants";
import type { TImpactPreview } from "@/lib/services/quality/rules";
import { previewRuleSetImpactAction, saveRuleSetVersionAction } from "../actions";
import { ImpactPreview } from "./impact-preview";
import { describeRule, toDraft, toRule, type TRuleDraft } from "./rule-fields";
import { RuleForm } from "./rule-form";

type TRule = Record<string, unknown>;
type TEnv = { id: string; key: string; name: string };

const fieldErrorText = (errors: Record<string, string[]> | undefined) =>
  errors ? Object.entries(errors).map(([path, msgs]) => `${path}: ${msgs.join(" ")}`) : [];

/**
 * The draft of the next version: rules added, changed and removed here, its impact previewed over the
 * records the engine last saw, then saved as a new immutable version.
 */
export function RuleEditor({
  ruleSetId,
  baseVersion,
  rules: initialRules,
  environments,
  defaultEnvironmentId,
}: {
  ruleSetId: string;
  baseVersion: number | null;
  rules: TRule[];
  environments: TEnv[];
  defaultEnvironmentId: string;
}) {
  const router = useRouter();
  const [rules, setRules] = useState<TRule[]>(initialRules);
  const [editing, setEditing] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const [envId, setEnvId] = useState(defaultEnvironmentId);
  const [limit, setLimit] = useState<number>(PREVIEW_SIZES[0]);
  const [preview, setPreview] = useState<TImpactPreview | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string; details?: string[] } | null>(null);
  const [pending, startTransition] = useTransition();
  const isDirty = JSON.stringify(rules) !== JSON.stringify(initialRules);
  // Built from the form as plain objects; the server parses it and names what to fix.
  const document = { rules } as unknown as TRuleSetDocumentInput;

  const upsert = (draft: TRuleDraft) => {
    const rule = toRule(draft);
    setRules((list) => (editing === null ? [...list, rule] : list.map((r, i) => (i === editing ? rule : r))));
    setEditing(null);
    setPreview(null);
  };
  const remove = (i: number) => {
    setRules((list) => list.filter((_, k) => k !== i));
    if (editing === i) setEditing(null);
    setPreview(null);
  };
  const runPreview = () =>
    startTransition(async () => {
      setMessage(null);
      const res = await previewRuleSetImpactAction({ ruleSetId, environmentId: envId, document, limit });
      if (res.ok) setPreview(res.data);
      else setMessage({ tone: "danger", text: res.error, details: fieldErrorText(res.fieldErrors) });
    });
  const save = () =>
    startTransition(async () => {
      setMessage(null);
      const res = await saveRuleSetVersionAction({ ruleSetId, document, note });
      if (!res.ok) return setMessage({ tone: "danger", text: res.error, details: fieldErrorText(res.fieldErrors) });
      setMessage({
        tone: "success",
        text: res.data.created
          ? `Saved as version ${res.data.version}. Deploy it to an environment to enforce it.`
          : `These rules are version ${res.data.version} already; nothing new was saved.`,
      });
      setNote("");
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <Card
        title={`Rules${isDirty ? " (unsaved draft)" : ""}`}
        description={baseVersion ? `Starting from version ${baseVersion}.` : "The first version of this rule set."}
      >
        {rules.length ? (
          <table className="w-full text-left text-sm" aria-label="Rules in the draft">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">Rule</th>
                <th className="py-1 pr-3">Field</th>
                <th className="py-1 pr-3">Check</th>
                <th className="py-1 pr-3">Severity</th>
                <th className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rules.map((r, i) => (
                <tr key={`${String(r.id)}-${i}`} data-testid={`rule-${String(r.id)}`}>
                  <td className="py-1.5 pr-3 font-mono text-xs">{String(r.id)}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{String(r.field)}</td>
                  <td className="py-1.5 pr-3">{describeRule(r)}</td>
                  <td className="py-1.5 pr-3">{String(r.severity ?? "error")}</td>
                  <td className="py-1.5 text-right whitespace-nowrap">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setEditing(i)}
                      aria-label={`Edit rule ${String(r.id)}`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => remove(i)}
                      aria-label={`Remove rule ${String(r.id)}`}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No rules yet: add the first one below.</p>
        )}
      </Card>
      <Card title={editing === null ? "Add a rule" : `Edit rule ${String(rules[editing]?.id)}`}>
        <RuleForm
          key={editing ?? "new"}
          initial={editing === null ? null : toDraft(rules[editing]!)}
          onSubmit={upsert}
          onCancel={() => setEditing(null)}
        />
      </Card>
      <Card
        title="Impact before saving"
        description="Replays the draft over the last records this environment's validate steps saw, beside the version enforced there."
      >
        <div className="flex flex-wrap items-end gap-3">
          <FormField id="preview-env" label="Environment">
            {(a) => (
              <Select {...a} value={envId} onChange={(e) => setEnvId(e.target.value)}>
                {environments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id="preview-limit" label="Last records">
            {(a) => (
              <Select {...a} value={String(limit)} onChange={(e) => setLimit(Number(e.target.value))}>
                {PREVIEW_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n.toLocaleString("en")}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <Button variant="secondary" onClick={runPreview} disabled={pending} aria-busy={pending}>
            Preview impact
          </Button>
        </div>
        {preview && <ImpactPreview preview={preview} />}
      </Card>
      <Card title="Save">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-72 flex-1">
            <FormField id="version-note" label="Note" hint="Why this version (shown in the version list).">
              {(a) => <Input {...a} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />}
            </FormField>
          </div>
          <Button variant="primary" onClick={save} disabled={pending || !rules.length} aria-busy={pending}>
            Save as new version
          </Button>
          <Button
            variant="ghost"
            disabled={!isDirty || pending}
            onClick={() => {
              setRules(initialRules);
              setEditing(null);
              setPreview(null);
            }}
          >
            Discard changes
          </Button>
        </div>
        {message && (
          <div className="mt-3">
            <Notice tone={message.tone}>
              {message.text}
              {message.details?.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {message.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              ) : null}
            </Notice>
          </div>
        )}
      </Card>
    </div>
  );
}
