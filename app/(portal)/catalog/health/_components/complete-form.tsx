"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { Button, FormField, Input, Notice, Select, Textarea } from "@/components/ui";
import type { FieldErrors } from "@/lib/errors";
import { MAX_ACTION_ITEMS, TECHNICAL_DEBT_LEVELS } from "@/lib/validation/health";
import { completeAssessmentAction } from "../actions";

type Person = { id: string; name: string };
type Item = { key: number; title: string; ownerId: string; dueAt: string };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The questionnaire (technical debt, known bottlenecks, optimization ideas, notes) and the action
 * items agreed on, added and removed inline. Submitting reads the signals and stores the score.
 */
export function CompleteForm({
  assessmentId,
  people,
  defaultOwnerId,
  debtPenalties,
}: {
  assessmentId: string;
  people: Person[];
  defaultOwnerId: string | null;
  debtPenalties: Record<number, number>;
}) {
  const router = useRouter();
  const formId = useId();
  const nextKey = useRef(1);
  const [items, setItems] = useState<Item[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const err = (key: string) => fieldErrors[key];

  const addItem = () => {
    const key = nextKey.current++;
    setItems((xs) => [...xs, { key, title: "", ownerId: defaultOwnerId ?? "", dueAt: inDays(30) }]);
    // Focus the new row's title once it is rendered, so the keyboard carries on where the item is.
    requestAnimationFrame(() => document.getElementById(`${formId}-item-${key}-title`)?.focus());
  };
  const removeItem = (key: number) => {
    setItems((xs) => xs.filter((x) => x.key !== key));
    setFieldErrors({});
  };
  const update = (key: number, patch: Partial<Item>) =>
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fd = new FormData(event.currentTarget);
    const text = (name: string) => String(fd.get(name) ?? "");
    startTransition(async () => {
      const r = await completeAssessmentAction({
        id: assessmentId,
        answers: {
          technicalDebt: text("technicalDebt"),
          bottlenecks: text("bottlenecks"),
          optimizationIdeas: text("optimizationIdeas"),
          notes: text("notes"),
        },
        actionItems: items.map(({ title, ownerId, dueAt }) => ({ title, ownerId, dueAt })),
      });
      if (r.ok) {
        router.refresh();
        return;
      }
      setError(r.error);
      setFieldErrors(r.fieldErrors ?? {});
      requestAnimationFrame(() =>
        document.getElementById(formId)?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus(),
      );
    });
  };

  return (
    <form id={formId} onSubmit={onSubmit} className="space-y-6" noValidate aria-label="Health questionnaire">
      {error && <Notice tone="danger">{error}</Notice>}
      <fieldset aria-describedby={`${formId}-debt-hint`}>
        <legend className="text-sm font-medium text-slate-700">Technical debt</legend>
        <p id={`${formId}-debt-hint`} className="mb-2 text-xs text-slate-500">
          What the metrics cannot see. It lowers the signals&apos; score by the points shown.
        </p>
        <div className="grid gap-2 sm:grid-cols-5">
          {TECHNICAL_DEBT_LEVELS.map((l) => (
            <label
              key={l.value}
              className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50"
            >
              <input
                type="radio"
                name="technicalDebt"
                value={l.value}
                defaultChecked={l.value === 1}
                className="mt-0.5"
              />
              <span>
                {l.label}
                <span className="block text-xs text-slate-500">−{debtPenalties[l.value] ?? 0} points</span>
              </span>
            </label>
          ))}
        </div>
        {err("answers.technicalDebt") && (
          <p className="mt-1 text-xs font-medium text-red-600">{err("answers.technicalDebt")!.join(" ")}</p>
        )}
      </fieldset>
      <FormField
        id={`${formId}-bottlenecks`}
        label="Known bottlenecks"
        hint="Where it is slow, fragile or limited (volumes, a rate-limited target, a manual step)."
        errors={err("answers.bottlenecks")}
      >
        {(a) => <Textarea {...a} name="bottlenecks" rows={3} />}
      </FormField>
      <FormField
        id={`${formId}-ideas`}
        label="Optimization ideas"
        hint="What would make it cheaper, faster or safer to run."
        errors={err("answers.optimizationIdeas")}
      >
        {(a) => <Textarea {...a} name="optimizationIdeas" rows={3} />}
      </FormField>
      <FormField id={`${formId}-notes`} label="Notes (optional)" errors={err("answers.notes")}>
        {(a) => <Textarea {...a} name="notes" rows={2} />}
      </FormField>

      <section aria-labelledby={`${formId}-items-heading`} className="space-y-3">
        <div className="flex items-center justify-between gap-3">
          <h3 id={`${formId}-items-heading`} className="text-sm font-semibold text-slate-900">
            Action items ({items.length})
          </h3>
          <Button size="sm" variant="secondary" onClick={addItem} disabled={items.length >= MAX_ACTION_ITEMS}>
            Add action item
          </Button>
        </div>
        {items.length === 0 && (
          <p className="text-sm text-slate-500">None yet. Add what should be done, by whom and by when.</p>
        )}
        <ol className="space-y-3">
          {items.map((item, i) => {
            const base = `${formId}-item-${item.key}`;
            return (
              <li
                key={item.key}
                className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_14rem_10rem_auto]"
                aria-label={`Action item ${i + 1}`}
              >
                <FormField id={`${base}-title`} label="What" errors={err(`actionItems.${i}.title`)}>
                  {(a) => (
                    <Input {...a} value={item.title} onChange={(e) => update(item.key, { title: e.target.value })} />
                  )}
                </FormField>
                <FormField id={`${base}-owner`} label="Owner" errors={err(`actionItems.${i}.ownerId`)}>
                  {(a) => (
                    <Select {...a} value={item.ownerId} onChange={(e) => update(item.key, { ownerId: e.target.value })}>
                      <option value="">Choose…</option>
                      {people.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </FormField>
                <FormField id={`${base}-due`} label="Due" errors={err(`actionItems.${i}.dueAt`)}>
                  {(a) => (
                    <Input
                      {...a}
                      type="date"
                      value={item.dueAt}
                      onChange={(e) => update(item.key, { dueAt: e.target.value })}
                    />
                  )}
                </FormField>
                <div className="flex items-end">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => removeItem(item.key)}
                    aria-label={`Remove action item ${i + 1}`}
                  >
                    Remove
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      </section>

      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Completing…" : "Complete assessment"}
      </Button>
    </form>
  );
}
