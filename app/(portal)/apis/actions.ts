"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { archiveApiProduct, createApiProduct, updateApiProduct } from "@/lib/services/apis";
import { ZApiProductId, ZCreateApiProduct, ZUpdateApiProduct } from "@/lib/validation/apis";

export const createApiProductAction = formAction(
  { permission: "api:edit", input: ZCreateApiProduct },
  async ({ input, actor }) => {
    const product = await createApiProduct(actor, input);
    revalidatePath("/apis");
    return product;
  },
);

export const updateApiProductAction = formAction(
  { permission: "api:edit", input: ZUpdateApiProduct },
  async ({ input, actor }) => {
    const product = await updateApiProduct(actor, input);
    revalidatePath("/apis");
    revalidatePath(`/apis/${product.key}`, "layout");
    return product;
  },
);

export const archiveApiProductAction = action(
  { permission: "api:edit", input: ZApiProductId },
  async ({ input, actor }) => {
    const product = await archiveApiProduct(actor, input);
    revalidatePath("/apis");
    revalidatePath(`/apis/${product.key}`, "layout");
    return product;
  },
);
