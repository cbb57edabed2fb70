"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { createUser, resetPassword, updateUser } from "@/lib/services/users";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZCreateUserInput, ZResetPasswordForm, ZUpdateUserInput } from "@/lib/validation/users";

export async function createUserAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZCreateUserInput.parse(formDataToObject(formData));
    await assertPermission(user, "user:manage");
    const created = await createUser(user, input);
    revalidatePath("/admin/users");
    return { ok: true, data: { id: created.id } };
  } catch (error) {
    return actionError(error);
  }
}

export async function updateUserAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZUpdateUserInput.parse(formDataToObject(formData));
    await assertPermission(user, "user:manage", input.userId);
    const updated = await updateUser(user, input);
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${updated.id}`);
    return { ok: true, data: { id: updated.id } };
  } catch (error) {
    return actionError(error);
  }
}

export async function resetPasswordAction(_prev: unknown, formData: FormData): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const input = ZResetPasswordForm.parse(formDataToObject(formData));
    await assertPermission(user, "user:manage", input.userId);
    await resetPassword(user, { userId: input.userId, password: input.password });
    revalidatePath(`/admin/users/${input.userId}`);
    return { ok: true, data: null };
  } catch (error) {
    return actionError(error);
  }
}
