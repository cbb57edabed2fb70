"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/http/action-client";
import { saveReadiness } from "@/lib/services/readiness/assessments";
import { ZReadinessInput } from "@/lib/validation/readiness";

export const saveReadinessAction = formAction(
  { permission: "readiness:edit", input: ZReadinessInput },
  async ({ input, actor }) => {
    const score = await saveReadiness(actor, input);
    revalidatePath("/readiness");
    revalidatePath("/matrix/waves");
    return { score };
  },
);
