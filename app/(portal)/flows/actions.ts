"use server";

import { revalidatePath } from "next/cache";
import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { checkFlowSpec, controlDeployment, deployFlowVersion, saveFlowVersion } from "@/lib/services/flows";
import { formDataToObject } from "@/lib/utils/form-data";
import {
  ZDeployInput,
  ZDeploymentControlInput,
  ZFlowSpecJson,
  ZSaveFlowForm,
  ZSaveFlowVersionInput,
} from "@/lib/validation/flows";

export async function saveFlowAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ flowId: string; version: number; isNew: boolean; interfaceChanged: boolean }>> {
  try {
    const user = await requireSession();
    const form = ZSaveFlowForm.parse(formDataToObject(formData));
    const input = ZSaveFlowVersionInput.parse({ ...form, spec: form.document ? undefined : form.spec });
    await assertPermission(user, "flow:edit", input.flowId);
    const saved = await saveFlowVersion(user, input, form.intent);
    revalidatePath("/flows");
    revalidatePath(`/flows/${saved.flowId}`);
    return {
      ok: true,
      data: {
        flowId: saved.flowId,
        version: saved.version.version,
        isNew: saved.isNew,
        interfaceChanged: saved.interfaceChanged,
      },
    };
  } catch (error) {
    return actionError(error);
  }
}

/** Live validation for the flow form: the same checks as saving, against the engine registry. Writes nothing. */
export async function validateFlowAction(specJson: string): Promise<ActionResult<{ valid: true }>> {
  try {
    const user = await requireSession();
    const spec = ZFlowSpecJson.parse(specJson);
    await assertPermission(user, "flow:edit");
    checkFlowSpec({ spec });
    return { ok: true, data: { valid: true } };
  } catch (error) {
    return actionError(error);
  }
}

export async function deployFlowAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ deploymentId: string }>> {
  try {
    const user = await requireSession();
    const input = ZDeployInput.parse(formDataToObject(formData));
    await assertPermission(user, "flow:deploy", input.flowVersionId);
    const d = await deployFlowVersion(user, input);
    revalidatePath(`/flows/${d.flowId}`);
    revalidatePath("/flows");
    return { ok: true, data: { deploymentId: d.id } };
  } catch (error) {
    return actionError(error);
  }
}

export async function controlDeploymentAction(raw: {
  deploymentId: string;
  action: string;
}): Promise<ActionResult<{ desiredState: string }>> {
  try {
    const user = await requireSession();
    const input = ZDeploymentControlInput.parse(raw);
    await assertPermission(user, "flow:operate", input.deploymentId);
    const d = await controlDeployment(user, input);
    revalidatePath(`/flows/${d.flowId}`);
    revalidatePath("/flows");
    return { ok: true, data: { desiredState: d.desiredState } };
  } catch (error) {
    return actionError(error);
  }
}
