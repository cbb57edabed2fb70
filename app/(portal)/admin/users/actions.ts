"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/http/action-client";
import { createUser, resetPassword, updateUser } from "@/lib/services/users";
import { ZCreateUserInput, ZResetPasswordForm, ZUpdateUserInput } from "@/lib/validation/users";

export const createUserAction = formAction(
  { permission: "user:manage", input: ZCreateUserInput },
  async ({ input, actor }) => {
    const created = await createUser(actor, input);
    revalidatePath("/admin/users");
    return { id: created.id };
  },
);

export const updateUserAction = formAction(
  { permission: "user:manage", input: ZUpdateUserInput },
  async ({ input, actor }) => {
    const updated = await updateUser(actor, input);
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${updated.id}`);
    return { id: updated.id };
  },
);

export const resetPasswordAction = formAction(
  { permission: "user:manage", input: ZResetPasswordForm },
  async ({ input, actor }) => {
    await resetPassword(actor, { userId: input.userId, password: input.password });
    revalidatePath(`/admin/users/${input.userId}`);
    return null;
  },
);
