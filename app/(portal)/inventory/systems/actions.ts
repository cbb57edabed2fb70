"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { createSystem, deleteSystem, updateSystem } from "@/lib/services/inventory";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZIdInput, ZSystemInput, ZUpdateSystemInput } from "@/lib/validation/inventory";

export async function saveSystemAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const raw = formDataToObject(formData);
    if (raw.id) {
      const input = ZUpdateSystemInput.parse(raw);
      await assertPermission(user, "inventory:edit", input.id);
      const saved = await updateSystem(user, input);
      revalidatePath("/inventory", "layout");
      return { ok: true, data: { id: saved.id } };
    }
    const input = ZSystemInput.parse(raw);
    await assertPermission(user, "inventory:edit");
    const saved = await createSystem(user, input);
    revalidatePath("/inventory", "layout");
    return { ok: true, data: { id: saved.id } };
  } catch (error) {
    return actionError(error);
  }
}

export async function deleteSystemAction(raw: unknown): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const input = ZIdInput.parse(raw);
    await assertPermission(user, "inventory:edit", input.id);
    await deleteSystem(user, input);
    revalidatePath("/inventory", "layout");
    return { ok: true, data: null };
  } catch (error) {
    return actionError(error);
  }
}
