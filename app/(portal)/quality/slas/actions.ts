"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/http/action-client";
import { createSla, updateSla } from "@/lib/services/quality/slas";
import { ZSlaInput, ZSlaUpdate } from "@/lib/services/quality/slas/schema";

const PAGE = "/quality/slas";

export const createSlaAction = formAction(
  { permission: "quality:manage", input: ZSlaInput },
  async ({ input, actor }) => {
    const r = await createSla(actor, input);
    revalidatePath(PAGE);
    return r;
  },
);

export const updateSlaAction = formAction(
  { permission: "quality:manage", input: ZSlaUpdate },
  async ({ input, actor }) => {
    const r = await updateSla(actor, input);
    revalidatePath(PAGE);
    return r;
  },
);
