"use client";

import { useActionState } from "react";
import { Button, FormField, Input, Notice } from "@/components/ui";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <FormField id="email" label="Email" errors={errors?.email}>
        {(a11y) => <Input {...a11y} name="email" type="email" autoComplete="username" required autoFocus />}
      </FormField>
      <FormField id="password" label="Password" errors={errors?.password}>
        {(a11y) => <Input {...a11y} name="password" type="password" autoComplete="current-password" required />}
      </FormField>
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
