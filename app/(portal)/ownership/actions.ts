"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { markNotificationRead } from "@/lib/services/ownership/notifications";
import { assignOwnership, attest, createDataDomain } from "@/lib/services/ownership/registry";
import { formDataToObject } from "@/lib/utils/form-data";
import {
  ZAssignOwnershipInput,
  ZAttestInput,
  ZDataDomainInput,
  ZNotificationIdInput,
} from "@/lib/validation/ownership";
import { requestNow } from "./_lib/now";

export async function attestAction(raw: {
  ownershipId: string;
  statement?: string;
}): Promise<ActionResult<{ expiresAt: string }>> {
  try {
    const user = await requireSession();
    const input = ZAttestInput.parse(raw);
    await assertPermission(user, "ownership:attest", input.ownershipId);
    const result = await attest(user, input, await requestNow());
    revalidatePath("/ownership");
    revalidatePath("/");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error);
  }
}

export async function assignOwnershipAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZAssignOwnershipInput.parse(formDataToObject(formData));
    await assertPermission(user, "ownership:manage");
    const result = await assignOwnership(user, input);
    revalidatePath("/ownership");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error);
  }
}

export async function createDataDomainAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireSession();
    const input = ZDataDomainInput.parse(formDataToObject(formData));
    await assertPermission(user, "ownership:manage");
    const result = await createDataDomain(user, input);
    revalidatePath("/ownership");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error);
  }
}

export async function markNotificationReadAction(raw: { notificationId: string }): Promise<ActionResult<null>> {
  try {
    const user = await requireSession();
    const input = ZNotificationIdInput.parse(raw);
    // Notifications are per user; the service only touches the caller's own.
    await assertPermission(user, "ownership:read", input.notificationId);
    await markNotificationRead(user, input);
    revalidatePath("/ownership");
    revalidatePath("/");
    return { ok: true, data: null };
  } catch (error) {
    return actionError(error);
  }
}
