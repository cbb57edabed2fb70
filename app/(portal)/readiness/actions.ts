"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { saveReadiness } from "@/lib/services/readiness/assessments";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZReadinessInput } from "@/lib/validation/readiness";

export async function saveReadinessAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ score: number | null }>> {
  try {
    const user = await requireSession();
    const input = ZReadinessInput.parse(formDataToObject(formData));
    await assertPermission(user, "readiness:edit", input.departmentId);
    const score = await saveReadiness(user, input);
    revalidatePath("/readiness");
    revalidatePath("/matrix/waves");
    return { ok: true, data: { score } };
  } catch (error) {
    return actionError(error);
  }
}
