"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  deleteSecretReference,
  deleteVariable,
  setSecretReference,
  setVariable,
} from "@/lib/services/flows/environments";
import { ZDeleteConfigNameInput, ZSetSecretReferenceInput, ZSetVariableInput } from "@/lib/validation/environments";

const PATH = "/flows/environments";

export const setVariableAction = formAction(
  { permission: "environment:manage", input: ZSetVariableInput },
  async ({ input, actor }) => {
    await setVariable(actor, input);
    revalidatePath(PATH);
    return { name: input.name };
  },
);

export const deleteVariableAction = action(
  { permission: "environment:manage", input: ZDeleteConfigNameInput },
  async ({ input, actor }) => {
    await deleteVariable(actor, input);
    revalidatePath(PATH);
    return { name: input.name };
  },
);

/** Stores where a secret lives (an engine environment variable's name), never its value. */
export const setSecretReferenceAction = formAction(
  { permission: "environment:manage", input: ZSetSecretReferenceInput },
  async ({ input, actor }) => {
    await setSecretReference(actor, input);
    revalidatePath(PATH);
    return { name: input.name };
  },
);

export const deleteSecretReferenceAction = action(
  { permission: "environment:manage", input: ZDeleteConfigNameInput },
  async ({ input, actor }) => {
    await deleteSecretReference(actor, input);
    revalidatePath(PATH);
    return { name: input.name };
  },
);
