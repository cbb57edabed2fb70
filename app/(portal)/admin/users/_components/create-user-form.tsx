"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, Select, useFormAction } from "@/components/ui";
import { createUserAction } from "../actions";
import { RoleOptions } from "./role-options";

export function CreateUserForm() {
  const { state, pending, errors, formProps } = useFormAction(createUserAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/admin/users/${state.data.id}?created=1`);
  }, [state, router]);
  return (
    <form {...formProps} className="max-w-lg space-y-4" noValidate>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <FormField id="name" label="Full name" errors={errors?.name}>
        {(a) => <Input {...a} name="name" autoComplete="off" required autoFocus />}
      </FormField>
      <FormField id="email" label="Email" errors={errors?.email}>
        {(a) => <Input {...a} name="email" type="email" autoComplete="off" required />}
      </FormField>
      <FormField
        id="role"
        label="Role"
        errors={errors?.role}
        hint="The role decides which areas and actions the user gets."
      >
        {(a) => (
          <Select {...a} name="role" defaultValue="viewer">
            <RoleOptions />
          </Select>
        )}
      </FormField>
      <FormField
        id="password"
        label="Initial password"
        errors={errors?.password}
        hint="At least 12 characters. Share it with the user through a safe channel."
      >
        {(a) => <Input {...a} name="password" type="password" autoComplete="new-password" required />}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Creating…" : "Create user"}
      </Button>
    </form>
  );
}
