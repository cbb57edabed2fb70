"use client";

import { useActionState, useEffect, useRef, useTransition, type FormEvent, type RefObject } from "react";
import type { ActionResult } from "@/lib/errors";

type FormActionFn<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * useActionState for forms that keeps what the user typed. React resets a form after a
 * `<form action>` runs, which wiped every field on a validation error; submitting through
 * onSubmit inside a transition runs the same action without that reset. Spread `formProps` on the
 * <form>. After a failed submit, focus moves to the first invalid field; after a success the form
 * resets to its (refreshed) defaults, as a form action would.
 */
export function useFormAction<T>(action: FormActionFn<T>, ownRef?: RefObject<HTMLFormElement | null>) {
  const localRef = useRef<HTMLFormElement>(null);
  const formRef = ownRef ?? localRef;
  const [state, dispatch, isRunning] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const [isStarting, startTransition] = useTransition();
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
    else if (state) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state, formRef]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fd = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(fd));
  };
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return { state, pending: isRunning || isStarting, errors, formProps: { ref: formRef, onSubmit } };
}
