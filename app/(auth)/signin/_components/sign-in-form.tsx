"use client";

import { Button, FormField, Input, Notice, useFormAction } from "@/components/ui";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { state, pending, errors, formProps } = useFormAction(signInAction);
  return (
    <form {...formProps} className="space-y-4" noValidate>
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
