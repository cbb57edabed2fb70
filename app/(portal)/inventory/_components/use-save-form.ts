"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/errors";
import { formDataToObject } from "@/lib/utils/form-data";

type Saved = ActionResult<{ id: string }> & { values: Record<string, unknown> };

/**
 * Wraps a save action for a create/edit form. React resets a form after its action runs, so the
 * submitted values come back with the result and feed the fields' defaults: a rejected form keeps
 * what the user typed. On success it navigates to the record.
 */
export function useSaveForm(
  action: (prev: unknown, fd: FormData) => Promise<ActionResult<{ id: string }>>,
  hrefFor: (id: string) => string,
) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<Saved | null, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    return { ...result, values: formDataToObject(fd) };
  }, null);
  useEffect(() => {
    if (state?.ok) router.push(`${hrefFor(state.data.id)}?saved=1`);
  }, [state, router, hrefFor]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formError = state && !state.ok ? state.error : null;
  /** The value to show: what was last submitted, else the record's current value. */
  const value = (key: string, fallback: string | number | string[]): string | string[] => {
    const v = state?.values[key];
    if (v === undefined) return Array.isArray(fallback) ? fallback : String(fallback);
    return Array.isArray(v) ? v.map(String) : String(v);
  };
  return { formAction, pending, errors, formError, value, values: state?.values };
}
