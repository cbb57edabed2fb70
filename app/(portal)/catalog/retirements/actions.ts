"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action, formAction } from "@/lib/http/action-client";
import {
  addBrownout,
  cancelRetirement,
  deprecateSubject,
  removeBrownout,
  rescheduleSunset,
  retireSubject,
} from "@/lib/services/retirements";
import {
  ZAddBrownout,
  ZCancelRetirement,
  ZDeprecateInput,
  ZRemoveBrownout,
  ZRescheduleSunset,
  ZRetireInput,
} from "@/lib/validation/retirements";

const refresh = (retirementId?: string) => {
  revalidatePath("/catalog", "layout");
  if (retirementId) revalidatePath(`/catalog/retirements/${retirementId}`);
};

export const deprecateAction = formAction(
  { permission: "catalog:retire", input: ZDeprecateInput },
  async ({ input, actor }) => {
    const result = await deprecateSubject(actor, input);
    refresh(result.id);
    if (input.subjectKind === "flow") revalidatePath(`/flows/${input.subjectId}`);
    // Straight to the new retirement: the form's page now says the subject is already deprecated.
    redirect(`/catalog/retirements/${result.id}`);
  },
);

export const addBrownoutAction = formAction(
  { permission: "catalog:retire", input: ZAddBrownout },
  async ({ input, actor }) => {
    const result = await addBrownout(actor, input);
    refresh(input.retirementId);
    return result;
  },
);

export const removeBrownoutAction = action(
  { permission: "catalog:retire", input: ZRemoveBrownout },
  async ({ input, actor }) => {
    const result = await removeBrownout(actor, input);
    refresh(input.retirementId);
    return result;
  },
);

export const rescheduleSunsetAction = formAction(
  { permission: "catalog:retire", input: ZRescheduleSunset },
  async ({ input, actor }) => {
    const result = await rescheduleSunset(actor, input);
    refresh(input.retirementId);
    return { sunsetAt: result.sunsetAt.toISOString() };
  },
);

export const cancelRetirementAction = action(
  { permission: "catalog:retire", input: ZCancelRetirement },
  async ({ input, actor }) => {
    const result = await cancelRetirement(actor, input);
    refresh(input.retirementId);
    revalidatePath("/flows", "layout");
    return result;
  },
);

export const retireAction = action({ permission: "catalog:retire", input: ZRetireInput }, async ({ input, actor }) => {
  const result = await retireSubject(actor, input);
  refresh(input.retirementId);
  revalidatePath("/flows", "layout");
  revalidatePath("/inventory", "layout");
  return { status: result.status, waiver: result.waiver, stoppedDeployments: result.stoppedDeployments };
});
