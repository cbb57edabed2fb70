"use client";

import { Button, FormField, Input, Notice, Select, useFormAction } from "@/components/ui";
import type { TRole } from "@/lib/auth/permissions";
import { resetPasswordAction, updateUserAction } from "../actions";
import { RoleOptions } from "./role-options";

export function EditUserForm({ user }: { user: { id: string; role: TRole; isActive: boolean } }) {
  const { state, pending, errors, formProps } = useFormAction(updateUserAction);
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <input type="hidden" name="userId" value={user.id} />
      {state?.ok && <Notice tone="success">Saved.</Notice>}
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <FormField id="role" label="Role" errors={errors?.role}>
        {(a) => (
          <Select {...a} name="role" defaultValue={user.role}>
            <RoleOptions />
          </Select>
        )}
      </FormField>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="hidden" name="isActive?" value="false" />
        <input
          type="checkbox"
          name="isActive?"
          defaultChecked={user.isActive}
          className="h-4 w-4 rounded border-slate-300"
        />
        Active (can sign in)
      </label>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const { state, pending, errors, formProps } = useFormAction(resetPasswordAction);
  return (
    <form {...formProps} className="space-y-4" noValidate>
      <input type="hidden" name="userId" value={userId} />
      {state?.ok && <Notice tone="success">Password changed.</Notice>}
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <FormField id="password" label="New password" errors={errors?.password} hint="At least 12 characters.">
        {(a) => <Input {...a} name="password" type="password" autoComplete="new-password" />}
      </FormField>
      <FormField id="confirm" label="Repeat new password" errors={errors?.confirm}>
        {(a) => <Input {...a} name="confirm" type="password" autoComplete="new-password" />}
      </FormField>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
