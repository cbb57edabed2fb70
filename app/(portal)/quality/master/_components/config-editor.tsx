"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Card, FormField, Input, Notice, Select } from "@/components/ui";
import {
  ATTRIBUTE_TYPES,
  BLOCKING_METHODS,
  COMPARATORS,
  SURVIVORSHIP_RULES,
  type TMasterConfig,
} from "@/lib/quality/master/config";
import { saveMasterConfigAction } from "../actions";

const RULE_LABELS: Record<(typeof SURVIVORSHIP_RULES)[number], string> = {
  source_priority: "Source priority",
  most_recent: "Most recent",
  most_complete: "Most complete",
  trusted_source: "Trusted source",
};

const cell = "px-2 py-1.5 align-top";

/**
 * The entity's configuration as one form: precedence per attribute (rule, trusted system, own system
 * order), how each attribute is compared and blocked, deterministic keys, thresholds. Saving writes a
 * new immutable version; the engine applies it from the next source record on and recomputes existing golden records.
 */
export function ConfigEditor({
  entityId,
  config,
  canEdit,
}: {
  entityId: string;
  config: TMasterConfig;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<TMasterConfig>(config);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string; details?: string[] } | null>(null);
  const [pending, start] = useTransition();
  const systems = draft.sourcePriority;

  const setAttribute = (i: number, patch: Partial<TMasterConfig["attributes"][number]>) =>
    setDraft((d) => ({ ...d, attributes: d.attributes.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));
  const fuzzyOf = (name: string) => draft.fuzzy.find((f) => f.attribute === name);
  const setFuzzy = (name: string, comparator: (typeof COMPARATORS)[number], weight: number) =>
    setDraft((d) => ({
      ...d,
      fuzzy:
        weight > 0
          ? [...d.fuzzy.filter((f) => f.attribute !== name), { attribute: name, comparator, weight }]
          : d.fuzzy.filter((f) => f.attribute !== name),
    }));
  const blockingOf = (name: string) => draft.blocking.find((b) => b.attribute === name);
  const setBlocking = (name: string, method: string) =>
    setDraft((d) => ({
      ...d,
      blocking:
        method === "none"
          ? d.blocking.filter((b) => b.attribute !== name)
          : [
              ...d.blocking.filter((b) => b.attribute !== name),
              {
                attribute: name,
                method: method as (typeof BLOCKING_METHODS)[number],
                length: blockingOf(name)?.length ?? 3,
              },
            ],
    }));
  const move = (i: number, by: -1 | 1) =>
    setDraft((d) => {
      const next = [...d.sourcePriority];
      const j = i + by;
      if (j < 0 || j >= next.length) return d;
      [next[i], next[j]] = [next[j], next[i]];
      return { ...d, sourcePriority: next };
    });

  const save = () =>
    start(async () => {
      const result = await saveMasterConfigAction({ entityId, config: draft, note });
      if (result.ok) {
        setMessage({
          tone: "success",
          text: result.data.isNew
            ? `Saved as version ${result.data.version}.`
            : "Nothing changed: this is the current version.",
        });
        setNote("");
        router.refresh();
      } else
        setMessage({
          tone: "danger",
          text: result.error,
          details: Object.entries(result.fieldErrors ?? {}).map(
            ([path, errors]) => `${path}: ${(errors ?? []).join(" ")}`,
          ),
        });
    });

  return (
    <Card
      title="Match and survivorship"
      description="What the engine applies to every new source record of this entity; saving a change also recomputes the survivorship of existing golden records."
    >
      <fieldset disabled={!canEdit || pending} className="space-y-6">
        <div>
          <h3 className="text-sm font-semibold text-slate-800">Source priority</h3>
          <p className="mb-2 text-xs text-slate-500">
            First wins for &quot;source priority&quot;, and breaks ties for the other rules.
          </p>
          <ol className="space-y-1" aria-label="Source priority">
            {systems.map((s, i) => (
              <li key={s} className="flex items-center gap-2 text-sm">
                <span className="w-6 text-right font-mono text-slate-500">{i + 1}.</span>
                <span className="w-32 font-mono">{s}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  aria-label={`Move ${s} up`}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => move(i, 1)}
                  disabled={i === systems.length - 1}
                  aria-label={`Move ${s} down`}
                >
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setDraft((d) => ({ ...d, sourcePriority: d.sourcePriority.filter((x) => x !== s) }))}
                  aria-label={`Remove ${s}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ol>
          <form
            className="mt-2 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const input = e.currentTarget.elements.namedItem("system") as HTMLInputElement;
              const value = input.value.trim();
              if (value && !systems.includes(value))
                setDraft((d) => ({ ...d, sourcePriority: [...d.sourcePriority, value] }));
              input.value = "";
            }}
          >
            <FormField id="add-system" label="Add a system">
              {(a) => <Input name="system" className="w-48" placeholder="system key" {...a} />}
            </FormField>
            <Button type="submit" variant="secondary" size="sm">
              Add
            </Button>
          </form>
        </div>

        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="mb-2 text-left text-sm font-semibold text-slate-800">Attributes</caption>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className={cell}>Attribute</th>
                <th className={cell}>Type</th>
                <th className={cell}>Survivorship</th>
                <th className={cell}>Trusted system</th>
                <th className={cell}>Own priority</th>
                <th className={cell}>Compare</th>
                <th className={cell}>Weight</th>
                <th className={cell}>Blocking</th>
              </tr>
            </thead>
            <tbody>
              {draft.attributes.map((a, i) => {
                const f = fuzzyOf(a.name);
                return (
                  <tr key={a.name} className="border-t border-slate-100">
                    <th scope="row" className={`${cell} font-mono font-normal`}>
                      {a.name}
                    </th>
                    <td className={cell}>
                      <Select
                        aria-label={`${a.name} type`}
                        value={a.type}
                        onChange={(e) => setAttribute(i, { type: e.target.value as typeof a.type })}
                      >
                        {ATTRIBUTE_TYPES.map((t) => (
                          <option key={t}>{t}</option>
                        ))}
                      </Select>
                    </td>
                    <td className={cell}>
                      <Select
                        aria-label={`${a.name} survivorship`}
                        value={a.survivorship}
                        onChange={(e) => setAttribute(i, { survivorship: e.target.value as typeof a.survivorship })}
                      >
                        {SURVIVORSHIP_RULES.map((r) => (
                          <option key={r} value={r}>
                            {RULE_LABELS[r]}
                          </option>
                        ))}
                      </Select>
                    </td>
                    <td className={cell}>
                      <Select
                        aria-label={`${a.name} trusted system`}
                        value={a.trustedSystem ?? ""}
                        disabled={a.survivorship !== "trusted_source"}
                        onChange={(e) => setAttribute(i, { trustedSystem: e.target.value || undefined })}
                      >
                        <option value="">—</option>
                        {systems.map((s) => (
                          <option key={s}>{s}</option>
                        ))}
                      </Select>
                    </td>
                    <td className={cell}>
                      <Input
                        aria-label={`${a.name} own priority`}
                        placeholder="entity order"
                        defaultValue={a.priority.join(", ")}
                        onBlur={(e) =>
                          setAttribute(i, {
                            priority: e.target.value
                              .split(",")
                              .map((s) => s.trim())
                              .filter(Boolean),
                          })
                        }
                      />
                    </td>
                    <td className={cell}>
                      <Select
                        aria-label={`${a.name} comparator`}
                        value={f?.comparator ?? "jaro_winkler"}
                        onChange={(e) =>
                          setFuzzy(a.name, e.target.value as (typeof COMPARATORS)[number], f?.weight ?? 1)
                        }
                      >
                        {COMPARATORS.map((c) => (
                          <option key={c}>{c}</option>
                        ))}
                      </Select>
                    </td>
                    <td className={cell}>
                      <Input
                        aria-label={`${a.name} weight`}
                        type="number"
                        min={0}
                        max={100}
                        step={0.5}
                        className="w-20"
                        value={f?.weight ?? 0}
                        onChange={(e) => setFuzzy(a.name, f?.comparator ?? "jaro_winkler", Number(e.target.value))}
                      />
                    </td>
                    <td className={cell}>
                      <Select
                        aria-label={`${a.name} blocking`}
                        value={blockingOf(a.name)?.method ?? "none"}
                        onChange={(e) => setBlocking(a.name, e.target.value)}
                      >
                        <option value="none">none</option>
                        {BLOCKING_METHODS.map((m) => (
                          <option key={m}>{m}</option>
                        ))}
                      </Select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>

        <div className="grid gap-4 sm:grid-cols-3">
          <FormField
            id="det-keys"
            label="Deterministic keys"
            hint="One key per line; attributes of one key joined with +, e.g. email"
          >
            {(a) => (
              <textarea
                {...a}
                className="min-h-20 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
                defaultValue={draft.deterministicKeys.map((k) => k.join("+")).join("\n")}
                onBlur={(e) =>
                  setDraft((d) => ({
                    ...d,
                    deterministicKeys: e.target.value
                      .split("\n")
                      .map((line) =>
                        line
                          .split("+")
                          .map((s) => s.trim())
                          .filter(Boolean),
                      )
                      .filter((k) => k.length),
                  }))
                }
              />
            )}
          </FormField>
          <FormField id="match-threshold" label="Match threshold" hint="At or above: linked automatically">
            {(a) => (
              <Input
                {...a}
                type="number"
                min={0}
                max={1}
                step={0.01}
                value={draft.matchThreshold}
                onChange={(e) => setDraft((d) => ({ ...d, matchThreshold: Number(e.target.value) }))}
              />
            )}
          </FormField>
          <FormField
            id="review-threshold"
            label="Review threshold"
            hint="From here up to the match threshold: the steward queue"
          >
            {(a) => (
              <Input
                {...a}
                type="number"
                min={0}
                max={1}
                step={0.01}
                value={draft.reviewThreshold}
                onChange={(e) => setDraft((d) => ({ ...d, reviewThreshold: Number(e.target.value) }))}
              />
            )}
          </FormField>
        </div>

        <div className="flex flex-wrap items-end gap-3">
          <FormField id="config-note" label="Note for this version">
            {(a) => <Input {...a} className="w-80" value={note} onChange={(e) => setNote(e.target.value)} />}
          </FormField>
          <Button onClick={save}>{pending ? "Saving…" : "Save new version"}</Button>
          <Button variant="ghost" onClick={() => setDraft(config)}>
            Discard changes
          </Button>
        </div>
        {message && (
          <Notice tone={message.tone} title={message.text}>
            {message.details?.length ? (
              <ul className="list-disc pl-5">
                {message.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </Notice>
        )}
        {!canEdit && (
          <p className="text-sm text-slate-500">
            Your role can read this configuration; changing it needs quality:manage.
          </p>
        )}
      </fieldset>
    </Card>
  );
}
