"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { createApiPlan, deleteApiPlan, updateApiPlan } from "@/lib/services/apis/plans";
import { ZApiIdInput, ZSavePlanInput } from "@/lib/validation/api-consumers";

export const savePlanAction = formAction(
  { permission: "api:keys", input: ZSavePlanInput },
  async ({ input, actor }) => {
    const saved = input.id ? await updateApiPlan(actor, input) : await createApiPlan(actor, input);
    revalidatePath("/apis/plans", "layout");
    revalidatePath("/apis/consumers", "layout");
    return { id: saved.id };
  },
);

export const deletePlanAction = action({ permission: "api:keys", input: ZApiIdInput }, async ({ input, actor }) => {
  await deleteApiPlan(actor, input);
  revalidatePath("/apis/plans", "layout");
  return null;
});
