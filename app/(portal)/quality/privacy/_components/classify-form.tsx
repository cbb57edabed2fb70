"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button, Combobox, FormField, Input, Notice, Select } from "@/components/ui";
import { LEVELS, TAGS, type TLevel, type TScopeKind, type TTag } from "@/lib/quality/privacy/classification";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows, searchInterfaces } from "../../../_lookups/search";
import { classifyFieldAction } from "../actions";
import { LEVEL_LABELS } from "./vocabulary";

type TOption = { value: string; label: string };

const LEVEL_HINTS: Record<TLevel, string> = {
  public: "may be published",
  internal: "staff only",
  confidential: "need to know",
  restricted: "highest: masked by every level rule",
};

/** Sets a field's level and tags by hand (confirmed at once). Keyboard: every control is a native one. */
export function ClassifyForm({ systems, defaultFlow }: { systems: TOption[]; defaultFlow: TLookupOption | null }) {
  const router = useRouter();
  const [scopeKind, setScopeKind] = useState<TScopeKind>("flow");
  const [flow, setFlow] = useState<TLookupOption | null>(defaultFlow);
  const [iface, setIface] = useState<TLookupOption | null>(null);
  const [systemId, setSystemId] = useState("");
  const [fieldPath, setFieldPath] = useState("");
  const [level, setLevel] = useState<TLevel>("confidential");
  const [tags, setTags] = useState<TTag[]>(["PII"]);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const scopeId = scopeKind === "flow" ? (flow?.id ?? "") : scopeKind === "interface" ? (iface?.id ?? "") : systemId;

  const toggleTag = (tag: TTag) => setTags((t) => (t.includes(tag) ? t.filter((x) => x !== tag) : [...t, tag]));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    if (!scopeId) {
      setErrors({ scopeId: [`Choose a ${scopeKind}.`] });
      return;
    }
    startTransition(async () => {
      const res = await classifyFieldAction({ scopeKind, scopeId, fieldPath, level, tags });
      if (res.ok) {
        setErrors({});
        setFieldPath("");
        setMessage({
          tone: "success",
          text: `${res.data.fieldPath} in ${res.data.scopeName} is ${res.data.level}${res.data.tags.length ? ` (${res.data.tags.join(", ")})` : ""}.`,
        });
        router.refresh();
      } else {
        setErrors(res.fieldErrors ?? {});
        setMessage({ tone: "danger", text: res.error });
      }
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Classify a field" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="classify-scope-kind" label="Scope" errors={errors.scopeKind}>
          {(a) => (
            <Select {...a} value={scopeKind} onChange={(e) => setScopeKind(e.target.value as TScopeKind)}>
              <option value="flow">Flow</option>
              <option value="interface">Interface</option>
              <option value="system">System</option>
            </Select>
          )}
        </FormField>
        <FormField
          id="classify-scope"
          label={scopeKind === "flow" ? "Flow" : scopeKind === "interface" ? "Interface" : "System"}
          errors={errors.scopeId}
        >
          {(a) =>
            scopeKind === "flow" ? (
              <Combobox {...a} key="flow" search={searchFlows} noun="flow" value={flow} onChange={setFlow} />
            ) : scopeKind === "interface" ? (
              <Combobox
                {...a}
                key="interface"
                search={searchInterfaces}
                noun="interface"
                value={iface}
                onChange={setIface}
              />
            ) : (
              <Select {...a} value={systemId} onChange={(e) => setSystemId(e.target.value)}>
                <option value="">Choose a system…</option>
                {systems.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </Select>
            )
          }
        </FormField>
        <FormField
          id="classify-field"
          label="Field path"
          hint="As the payload names it: customer.email, lines[].card, contacts[].*.phone"
          errors={errors.fieldPath}
        >
          {(a) => (
            <Input
              {...a}
              value={fieldPath}
              onChange={(e) => setFieldPath(e.target.value)}
              placeholder="customer.email"
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField id="classify-level" label="Level" errors={errors.level}>
          {(a) => (
            <Select {...a} value={level} onChange={(e) => setLevel(e.target.value as TLevel)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABELS[l]} ({LEVEL_HINTS[l]})
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Tags</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {TAGS.map((t) => (
            <label key={t} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" className="h-4 w-4" checked={tags.includes(t)} onChange={() => toggleTag(t)} />
              {t}
            </label>
          ))}
        </div>
        {errors.tags && <p className="mt-1 text-xs font-medium text-red-600">{errors.tags.join(" ")}</p>}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Classify field"}
        </Button>
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
      </div>
    </form>
  );
}
