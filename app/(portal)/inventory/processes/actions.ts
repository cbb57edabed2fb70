"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { createProcess, deleteProcess, updateProcess } from "@/lib/services/inventory";
import { ZIdInput, ZSaveProcessInput } from "@/lib/validation/inventory";

export const saveProcessAction = formAction(
  { permission: "inventory:edit", input: ZSaveProcessInput },
  async ({ input, actor }) => {
    const saved = input.id ? await updateProcess(actor, input) : await createProcess(actor, input);
    revalidatePath("/inventory", "layout");
    return { id: saved.id };
  },
);

export const deleteProcessAction = action(
  { permission: "inventory:edit", input: ZIdInput },
  async ({ input, actor }) => {
    await deleteProcess(actor, input);
    revalidatePath("/inventory", "layout");
    return null;
  },
);
