"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button, Card, FormField, Input, Notice, Select, Textarea } from "@/components/ui";
import { LEVELS, TAGS } from "@/lib/quality/privacy/classification";
import { LEVEL_LABELS } from "../../_components/vocabulary";
import { saveMaskingPolicyAction } from "../../actions";
import {
  blankRule,
  METHOD_LABELS,
  METHODS,
  toDraft,
  toPolicyJson,
  type TMatchKind,
  type TMethod,
  type TPolicyDocumentInput,
  type TRuleDraft,
} from "./policy-rules";

// The masking-policy editor: the document's rules as rows (first match wins, so order matters), saved
// as the JSON text saveMaskingPolicy validates. No crypto here: the client never imports the policy
// module (node:crypto); the server reports every problem with its path.

export function PolicyEditor({
  document,
  isNew,
  baseVersion,
  flowNames,
}: {
  document: TPolicyDocumentInput;
  isNew: boolean;
  baseVersion: number | null;
  flowNames: string[];
}) {
  const router = useRouter();
  const [key, setKey] = useState(document.key);
  const [description, setDescription] = useState(document.description ?? "");
  const [flows, setFlows] = useState((document.flows ?? []).join(", "));
  const [rules, setRules] = useState<TRuleDraft[]>(() => document.rules.map(toDraft));
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<{ tone: "success" | "danger" | "info"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const update = (uid: number, patch: Partial<TRuleDraft>) =>
    setRules((rs) => rs.map((r) => (r.uid === uid ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) =>
    setRules((rs) => {
      const next = [...rs];
      const [r] = next.splice(index, 1);
      next.splice(index + by, 0, r);
      return next;
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    const document = toPolicyJson({ key, description, flows, rules });
    startTransition(async () => {
      const res = await saveMaskingPolicyAction({ document, note });
      if (!res.ok) {
        setProblems(res.fieldErrors?.document ?? res.fieldErrors?.key ?? []);
        setMessage({ tone: "danger", text: res.error });
        return;
      }
      setProblems([]);
      setNote("");
      if (isNew) {
        router.push(`/quality/privacy/policies/${res.data.key}?saved=${res.data.version}`);
        return;
      }
      setMessage(
        res.data.created
          ? {
              tone: "success",
              text: `Saved as version ${res.data.version}. Deploy it to an environment to apply it.`,
            }
          : { tone: "info", text: `Nothing changed: this is version ${res.data.version} already.` },
      );
      router.refresh();
    });
  };

  return (
    <Card
      title={isNew ? "New masking policy" : baseVersion ? `Edit (from version ${baseVersion})` : "Edit"}
      description="A rule matches a classified field by its path, one of its tags, or its level (that level or a higher one). The first matching rule wins; a rule naming a path also masks that path where it is not classified. Redact replaces the value; a partial mask keeps some letters and digits and every separator; a salted hash (HMAC) and FF1 tokenization give the same output for the same value, so joins still work, and only tokens can be turned back (detokenize). Saving makes a new immutable version; equal content keeps its version."
    >
      <form onSubmit={submit} className="space-y-5" aria-label="Masking policy" noValidate>
        <div className="grid gap-4 md:grid-cols-3">
          <FormField id="policy-key" label="Key" hint="Lower-case letters, digits and dashes">
            {(a) => (
              <Input
                {...a}
                value={key}
                onChange={(e) => setKey(e.target.value)}
                readOnly={!isNew}
                placeholder="crm-customers"
              />
            )}
          </FormField>
          <FormField
            id="policy-flows"
            label="Flows"
            hint={`Comma-separated flow names; empty: every flow.${flowNames.length ? ` E.g. ${flowNames.slice(0, 2).join(", ")}` : ""}`}
          >
            {(a) => <Input {...a} value={flows} onChange={(e) => setFlows(e.target.value)} list="policy-flow-names" />}
          </FormField>
          <FormField id="policy-description" label="Description">
            {(a) => <Input {...a} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </FormField>
        </div>
        <datalist id="policy-flow-names">
          {flowNames.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">Rules ({rules.length}), first match wins</legend>
          <ol className="space-y-3">
            {rules.map((r, i) => (
              <li
                key={r.uid}
                className="rounded-md border border-slate-200 p-3"
                aria-label={`Rule ${i + 1}`}
                data-testid={`policy-rule-${i + 1}`}
              >
                <div className="grid gap-3 md:grid-cols-4">
                  <FormField id={`rule-${i + 1}-kind`} label={`Rule ${i + 1}: match by`}>
                    {(a) => (
                      <Select
                        {...a}
                        value={r.matchKind}
                        onChange={(e) => {
                          const matchKind = e.target.value as TMatchKind;
                          update(r.uid, {
                            matchKind,
                            matchValue: matchKind === "tag" ? "PII" : matchKind === "level" ? "restricted" : "",
                          });
                        }}
                      >
                        <option value="path">Field path</option>
                        <option value="tag">Tag</option>
                        <option value="level">Level or higher</option>
                      </Select>
                    )}
                  </FormField>
                  <FormField id={`rule-${i + 1}-value`} label={`Rule ${i + 1}: ${r.matchKind}`}>
                    {(a) =>
                      r.matchKind === "path" ? (
                        <Input
                          {...a}
                          value={r.matchValue}
                          placeholder="customer.email"
                          onChange={(e) => update(r.uid, { matchValue: e.target.value })}
                        />
                      ) : (
                        <Select
                          {...a}
                          value={r.matchValue}
                          onChange={(e) => update(r.uid, { matchValue: e.target.value })}
                        >
                          {(r.matchKind === "tag" ? TAGS : LEVELS).map((v) => (
                            <option key={v} value={v}>
                              {r.matchKind === "level" ? LEVEL_LABELS[v as (typeof LEVELS)[number]] : v}
                            </option>
                          ))}
                        </Select>
                      )
                    }
                  </FormField>
                  <FormField id={`rule-${i + 1}-method`} label={`Rule ${i + 1}: method`}>
                    {(a) => (
                      <Select
                        {...a}
                        value={r.method}
                        onChange={(e) => update(r.uid, { method: e.target.value as TMethod })}
                      >
                        {METHODS.map((m) => (
                          <option key={m} value={m}>
                            {METHOD_LABELS[m]}
                          </option>
                        ))}
                      </Select>
                    )}
                  </FormField>
                  <div className="flex items-end gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={`Move rule ${i + 1} up`}
                    >
                      ↑
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={i === rules.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={`Move rule ${i + 1} down`}
                    >
                      ↓
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setRules((rs) => rs.filter((x) => x.uid !== r.uid))}
                      aria-label={`Remove rule ${i + 1}`}
                    >
                      Remove
                    </Button>
                  </div>
                </div>
                <MethodOptions rule={r} index={i} onChange={(patch) => update(r.uid, patch)} />
              </li>
            ))}
          </ol>
          <Button size="sm" variant="secondary" onClick={() => setRules((rs) => [...rs, blankRule()])}>
            Add rule
          </Button>
        </fieldset>

        <FormField id="policy-note" label="Note" hint="Why this version (shown in the version list and the audit log)">
          {(a) => <Textarea {...a} className="min-h-12" value={note} onChange={(e) => setNote(e.target.value)} />}
        </FormField>
        {problems.length > 0 && (
          <ul className="list-disc space-y-0.5 pl-5 text-sm text-red-700" aria-label="Problems in the policy">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? "Saving…" : isNew ? "Create policy" : "Save as new version"}
          </Button>
          {message && <Notice tone={message.tone}>{message.text}</Notice>}
        </div>
      </form>
    </Card>
  );
}

function MethodOptions({
  rule,
  index,
  onChange,
}: {
  rule: TRuleDraft;
  index: number;
  onChange: (patch: Partial<TRuleDraft>) => void;
}) {
  const id = (name: string) => `rule-${index + 1}-${name}`;
  const label = (name: string) => `Rule ${index + 1}: ${name}`;
  if (rule.method === "partial")
    return (
      <div className="mt-3 grid gap-3 md:grid-cols-3">
        <FormField id={id("keep-first")} label={label("keep first")} hint="Letters and digits kept at the start">
          {(a) => (
            <Input
              {...a}
              inputMode="numeric"
              value={rule.keepFirst}
              onChange={(e) => onChange({ keepFirst: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id("keep-last")} label={label("keep last")} hint="…and at the end (e.g. 4 for a card)">
          {(a) => (
            <Input
              {...a}
              inputMode="numeric"
              value={rule.keepLast}
              onChange={(e) => onChange({ keepLast: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id("mask-char")} label={label("mask character")} hint="Default *">
          {(a) => (
            <Input
              {...a}
              maxLength={1}
              value={rule.maskChar}
              onChange={(e) => onChange({ maskChar: e.target.value })}
            />
          )}
        </FormField>
      </div>
    );
  if (rule.method === "redact")
    return (
      <div className="mt-3 grid gap-3 md:grid-cols-3">
        <FormField id={id("replacement")} label={label("replacement")} hint="Default [redacted]">
          {(a) => <Input {...a} value={rule.replacement} onChange={(e) => onChange({ replacement: e.target.value })} />}
        </FormField>
      </div>
    );
  if (rule.method === "hash")
    return (
      <div className="mt-3 grid gap-3 md:grid-cols-3">
        <FormField id={id("hash-length")} label={label("hash length")} hint="8 to 64 hex characters (default 64)">
          {(a) => (
            <Input
              {...a}
              inputMode="numeric"
              value={rule.hashLength}
              onChange={(e) => onChange({ hashLength: e.target.value })}
            />
          )}
        </FormField>
      </div>
    );
  return (
    <div className="mt-3 grid gap-3 md:grid-cols-3">
      <FormField
        id={id("tweak")}
        label={label("tweak")}
        hint="Separates token spaces; the same tweak keeps tokens joinable"
      >
        {(a) => <Input {...a} value={rule.tweak} onChange={(e) => onChange({ tweak: e.target.value })} />}
      </FormField>
    </div>
  );
}
