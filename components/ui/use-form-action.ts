"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/errors";

type FormActionFn<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

// Secrets are never echoed back into the page.
const SECRET_FIELD = /password|confirm|secret|token/i;

/**
 * useActionState for forms that keeps what the user typed: React resets a form after its action runs,
 * so the submitted values are kept and the form remounts with them as defaults (pass `formKey` as the
 * form's key and `values[name]` as each field's defaultValue). After a failed submit, focus moves to
 * the first invalid field.
 */
export function useFormAction<T>(action: FormActionFn<T>) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [submits, setSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(async (prev, fd) => {
    const kept: Record<string, string> = {};
    fd.forEach((v, k) => {
      if (typeof v === "string" && !SECRET_FIELD.test(k) && !k.startsWith("$ACTION")) kept[k] = v;
    });
    const result = await action(prev, fd);
    setValues(kept);
    setSubmits((n) => n + 1);
    return result;
  }, null);
  useEffect(() => {
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return { state, formAction, pending, values, errors, formRef, formKey: submits };
}
