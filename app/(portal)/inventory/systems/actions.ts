"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { createSystem, deleteSystem, updateSystem } from "@/lib/services/inventory";
import { ZIdInput, ZSaveSystemInput } from "@/lib/validation/inventory";

export const saveSystemAction = formAction(
  { permission: "inventory:edit", input: ZSaveSystemInput },
  async ({ input, actor }) => {
    const saved = input.id ? await updateSystem(actor, input) : await createSystem(actor, input);
    revalidatePath("/inventory", "layout");
    return { id: saved.id };
  },
);

export const deleteSystemAction = action(
  { permission: "inventory:edit", input: ZIdInput },
  async ({ input, actor }) => {
    await deleteSystem(actor, input);
    revalidatePath("/inventory", "layout");
    return null;
  },
);
