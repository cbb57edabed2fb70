"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { createProcess, deleteProcess, updateProcess } from "@/lib/services/inventory";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZIdInput, ZProcessInput, ZUpdateProcessInput } from "@/lib/validation/inventory";

export async function saveProcessAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const raw = formDataToObject(formData);
    if (raw.id) {
      const input = ZUpdateProcessInput.parse(raw);
      await assertPermission(user, "inventory:edit", input.id);
      const saved = await updateProcess(user, input);
      revalidatePath("/inventory", "layout");
      return { ok: true, data: { id: saved.id } };
    }
    const input = ZProcessInput.parse(raw);
    await assertPermission(user, "inventory:edit");
    const saved = await createProcess(user, input);
    revalidatePath("/inventory", "layout");
    return { ok: true, data: { id: saved.id } };
  } catch (error) {
    return actionError(error);
  }
}

export async function deleteProcessAction(raw: unknown): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const input = ZIdInput.parse(raw);
    await assertPermission(user, "inventory:edit", input.id);
    await deleteProcess(user, input);
    revalidatePath("/inventory", "layout");
    return { ok: true, data: null };
  } catch (error) {
    return actionError(error);
  }
}
