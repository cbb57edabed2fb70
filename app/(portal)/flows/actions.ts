"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { checkFlowSpec, controlDeployment, deployFlowVersion, saveFlowVersion } from "@/lib/services/flows";
import { ZDeployInput, ZDeploymentControlInput, ZFlowSpecJson, ZSaveFlowFormInput } from "@/lib/validation/flows";

export const saveFlowAction = formAction(
  { permission: "flow:edit", input: ZSaveFlowFormInput },
  async ({ input: { intent, ...input }, actor }) => {
    const saved = await saveFlowVersion(actor, input, intent);
    revalidatePath("/flows");
    revalidatePath(`/flows/${saved.flowId}`);
    return {
      flowId: saved.flowId,
      version: saved.version.version,
      isNew: saved.isNew,
      interfaceChanged: saved.interfaceChanged,
    };
  },
);

/** Live validation for the flow form: the same checks as saving, against the engine registry. Writes nothing. */
export const validateFlowAction = action({ permission: "flow:edit", input: ZFlowSpecJson }, async ({ input }) => {
  checkFlowSpec({ spec: input });
  return { valid: true } as const;
});

export const deployFlowAction = formAction(
  { permission: "flow:deploy", input: ZDeployInput },
  async ({ input, actor }) => {
    const d = await deployFlowVersion(actor, input);
    revalidatePath(`/flows/${d.flowId}`);
    revalidatePath("/flows");
    return { deploymentId: d.id };
  },
);

export const controlDeploymentAction = action(
  { permission: "flow:operate", input: ZDeploymentControlInput },
  async ({ input, actor }) => {
    const d = await controlDeployment(actor, input);
    revalidatePath(`/flows/${d.flowId}`);
    revalidatePath("/flows");
    return { desiredState: d.desiredState };
  },
);
