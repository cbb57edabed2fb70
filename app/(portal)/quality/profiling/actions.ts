"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/http/action-client";
import {
  deleteProfileDefinition,
  profileRunProgress,
  requestProfileRun,
  saveProfileDefinition,
} from "@/lib/services/quality/profiling";
import { profileStepOptions } from "./_lib/form-options";
import { ZProfileForm, ZProfileId } from "./_lib/schema";

const LIST = "/quality/profiling";

/** Create (no id) or edit a profile definition; the engine's profiling job picks the schedule up. */
export const saveProfileDefinitionAction = action(
  { permission: "quality:manage", input: ZProfileForm },
  async ({ input, actor }) => {
    const saved = await saveProfileDefinition(actor, input);
    revalidatePath(LIST);
    revalidatePath(`${LIST}/${saved.id}`, "layout");
    return saved;
  },
);

/** Deletes a definition with its runs, results, baseline and anomalies (raised alerts stay). */
export const deleteProfileDefinitionAction = action(
  { permission: "quality:manage", input: ZProfileId },
  async ({ input, actor }) => {
    await deleteProfileDefinition(actor, input);
    revalidatePath(LIST);
    return { id: input.id };
  },
);

/** "Run now": records the request; the engine's profiling job starts the run. */
export const requestProfileRunAction = action(
  { permission: "quality:manage", input: ZProfileId },
  async ({ input, actor }) => {
    const result = await requestProfileRun(actor, input);
    revalidatePath(`${LIST}/${input.id}`);
    revalidatePath(LIST);
    return result;
  },
);

/** The latest run's progress (without its columns), polled every 2 s while the run is queued or running. */
export const profileRunProgressAction = action(
  { permission: "quality:read", input: ZProfileId },
  async ({ input, actor }) => {
    // The run row only: its columns are loaded by the page once the run has ended.
    return profileRunProgress(actor, { id: input.id });
  },
);

/** The profile steps of a flow, for the form's step picker once a flow is chosen. */
export const profileStepOptionsAction = action(
  { permission: "quality:manage", input: z.object({ flowId: z.string().trim().min(1).max(100) }) },
  async ({ input, actor }) => profileStepOptions(actor, input.flowId),
);
