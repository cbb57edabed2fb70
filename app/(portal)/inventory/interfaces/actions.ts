"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { createInterface, deleteInterface, updateInterface } from "@/lib/services/inventory";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZIdInput, ZInterfaceInput, ZUpdateInterfaceInput } from "@/lib/validation/inventory";

export async function saveInterfaceAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const raw = formDataToObject(formData);
    if (raw.id) {
      const input = ZUpdateInterfaceInput.parse(raw);
      await assertPermission(user, "inventory:edit", input.id);
      const saved = await updateInterface(user, input);
      revalidatePath("/inventory", "layout");
      return { ok: true, data: { id: saved.id } };
    }
    const input = ZInterfaceInput.parse(raw);
    await assertPermission(user, "inventory:edit");
    const saved = await createInterface(user, input);
    revalidatePath("/inventory", "layout");
    return { ok: true, data: { id: saved.id } };
  } catch (error) {
    return actionError(error);
  }
}

export async function deleteInterfaceAction(raw: unknown): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const input = ZIdInput.parse(raw);
    await assertPermission(user, "inventory:edit", input.id);
    await deleteInterface(user, input);
    revalidatePath("/inventory", "layout");
    return { ok: true, data: null };
  } catch (error) {
    return actionError(error);
  }
}
