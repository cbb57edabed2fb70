"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button, FormField, Input, Notice, Textarea } from "@/components/ui";
import { detokenizeAction } from "../../actions";

/**
 * One token's clear value, shown to the person who asked and kept only in this component's state: it
 * is never put in the URL, never logged, and goes away with "Hide" or when the page is left.
 */
export function DetokenizeForm() {
  const [token, setToken] = useState("");
  const [tweak, setTweak] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [clear, setClear] = useState<{ value: string; version: number } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setClear(null);
    setProblem(null);
    const fd = new FormData();
    fd.set("token", token);
    fd.set("tweak", tweak);
    fd.set("reason", reason);
    startTransition(async () => {
      const res = await detokenizeAction(null, fd);
      if (res.ok) {
        setErrors({});
        setClear(res.data);
      } else {
        setErrors(res.fieldErrors ?? {});
        setProblem(res.error);
      }
    });
  };

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Detokenize" noValidate autoComplete="off">
      <FormField id="detokenize-token" label="Token" hint="The whole token, e.g. tk1_4929-…" errors={errors.token}>
        {(a) => <Input {...a} value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} />}
      </FormField>
      <FormField
        id="detokenize-tweak"
        label="Tweak"
        hint="Only if the policy rule that made the token set one"
        errors={errors.tweak}
      >
        {(a) => <Input {...a} value={tweak} onChange={(e) => setTweak(e.target.value)} />}
      </FormField>
      <FormField id="detokenize-reason" label="Reason" hint="Recorded in the audit log" errors={errors.reason}>
        {(a) => <Textarea {...a} className="min-h-12" value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Detokenizing…" : "Detokenize"}
        </Button>
        {problem && <Notice tone="danger">{problem}</Notice>}
      </div>
      {clear && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          <p className="text-xs font-medium uppercase text-amber-800">Clear value (key version {clear.version})</p>
          <p className="mt-1 break-all font-mono text-slate-900" data-testid="detokenized-value">
            {clear.value}
          </p>
          <Button size="sm" variant="ghost" className="mt-2" onClick={() => setClear(null)}>
            Hide
          </Button>
        </div>
      )}
    </form>
  );
}
