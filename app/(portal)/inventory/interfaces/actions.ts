"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { createInterface, deleteInterface, updateInterface } from "@/lib/services/inventory";
import { ZIdInput, ZSaveInterfaceInput } from "@/lib/validation/inventory";

export const saveInterfaceAction = formAction(
  { permission: "inventory:edit", input: ZSaveInterfaceInput },
  async ({ input, actor }) => {
    const saved = input.id ? await updateInterface(actor, input) : await createInterface(actor, input);
    revalidatePath("/inventory", "layout");
    return { id: saved.id };
  },
);

export const deleteInterfaceAction = action(
  { permission: "inventory:edit", input: ZIdInput },
  async ({ input, actor }) => {
    await deleteInterface(actor, input);
    revalidatePath("/inventory", "layout");
    return null;
  },
);
