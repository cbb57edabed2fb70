"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/http/action-client";
import { applyObservedFigures } from "@/lib/services/portfolio";
import { ZApplyObservedFiguresInput } from "@/lib/validation/portfolio";

/** Writes a process's observed volume and error rate into the inventory (the facilitator confirmed them). */
export const applyObservedFiguresAction = action(
  { permission: "inventory:edit", input: ZApplyObservedFiguresInput },
  async ({ input, actor }) => {
    const applied = await applyObservedFigures(actor, input);
    // The process page, and every ROI computed from its figures.
    revalidatePath("/inventory", "layout");
    revalidatePath("/candidates", "layout");
    revalidatePath("/portfolio");
    return applied;
  },
);
