"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  createApiConsumer,
  rotateApiConsumerCallbackSecret,
  setApiConsumerDisabled,
  updateApiConsumer,
} from "@/lib/services/apis/consumers";
import { issueApiKey, revokeApiKey } from "@/lib/services/apis/keys";
import {
  ZApiIdInput,
  ZIssueKeyInput,
  ZRevokeKeyInput,
  ZSaveConsumerInput,
  ZSetConsumerDisabledInput,
} from "@/lib/validation/api-consumers";

export const saveConsumerAction = formAction(
  { permission: "api:keys", input: ZSaveConsumerInput },
  async ({ input, actor }) => {
    const saved = input.id ? await updateApiConsumer(actor, input) : await createApiConsumer(actor, input);
    revalidatePath("/apis/consumers", "layout");
    revalidatePath("/apis/plans");
    return { id: saved.id };
  },
);

export const setConsumerDisabledAction = action(
  { permission: "api:keys", input: ZSetConsumerDisabledInput },
  async ({ input, actor }) => {
    await setApiConsumerDisabled(actor, input);
    revalidatePath("/apis/consumers", "layout");
    return null;
  },
);

export const rotateCallbackSecretAction = action(
  { permission: "api:keys", input: ZApiIdInput },
  async ({ input, actor }) => {
    const rotated = await rotateApiConsumerCallbackSecret(actor, input);
    revalidatePath(`/apis/consumers/${input.id}`);
    return rotated;
  },
);

/** Returns the key's secret to the dialog that shows it once; it is not kept anywhere. */
export const issueKeyAction = formAction(
  { permission: "api:keys", input: ZIssueKeyInput },
  async ({ input, actor }) => {
    const issued = await issueApiKey(actor, input);
    revalidatePath(`/apis/consumers/${input.consumerId}`);
    revalidatePath("/apis/consumers");
    return issued;
  },
);

export const revokeKeyAction = action({ permission: "api:keys", input: ZRevokeKeyInput }, async ({ input, actor }) => {
  const { consumerId } = await revokeApiKey(actor, input);
  revalidatePath(`/apis/consumers/${consumerId}`);
  revalidatePath("/apis/consumers");
  return null;
});
