"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { discardDeadLetters, editAndReplay, requestReplay, type BatchResult } from "@/lib/services/runs";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZDiscardInput, ZEditAndReplayInput, ZReplayInput } from "@/lib/validation/flows";

export async function replayDeadLettersAction(raw: {
  ids: string[];
  targetVersionId?: string;
}): Promise<ActionResult<BatchResult>> {
  try {
    const user = await requireSession();
    const input = ZReplayInput.parse(raw);
    await assertPermission(user, "dlq:replay");
    const result = await requestReplay(user, input);
    revalidatePath("/flows/dlq");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error);
  }
}

export async function discardDeadLettersAction(raw: {
  ids: string[];
  reason?: string;
}): Promise<ActionResult<BatchResult>> {
  try {
    const user = await requireSession();
    const input = ZDiscardInput.parse(raw);
    await assertPermission(user, "dlq:replay");
    const result = await discardDeadLetters(user, input);
    revalidatePath("/flows/dlq");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error);
  }
}

export async function editAndReplayAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZEditAndReplayInput.parse(formDataToObject(formData));
    await assertPermission(user, "dlq:replay", input.id);
    await editAndReplay(user, input);
    revalidatePath("/flows/dlq");
    revalidatePath(`/flows/dlq/${input.id}`);
    return { ok: true, data: { id: input.id } };
  } catch (error) {
    return actionError(error);
  }
}
