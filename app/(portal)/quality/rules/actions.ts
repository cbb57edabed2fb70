"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  ZCreateRuleSet,
  ZDeployRuleSetVersion,
  ZPreviewRuleSetImpact,
  ZSaveRuleSetVersion,
  ZUpdateRuleSet,
} from "@/lib/quality/rules/inputs";
import {
  createRuleSet,
  deployRuleSetVersion,
  previewRuleSetImpact,
  saveRuleSetVersion,
  updateRuleSet,
} from "@/lib/services/quality/rules";

export const createRuleSetAction = formAction(
  { permission: "quality:rules", input: ZCreateRuleSet },
  async ({ input, actor }) => {
    const created = await createRuleSet(actor, input);
    revalidatePath("/quality/rules");
    return created;
  },
);

export const updateRuleSetAction = formAction(
  { permission: "quality:rules", input: ZUpdateRuleSet },
  async ({ input, actor }) => {
    const updated = await updateRuleSet(actor, input);
    revalidatePath("/quality/rules");
    revalidatePath(`/quality/rules/${updated.key}`);
    return updated;
  },
);

export const saveRuleSetVersionAction = action(
  { permission: "quality:rules", input: ZSaveRuleSetVersion },
  async ({ input, actor }) => {
    const saved = await saveRuleSetVersion(actor, input);
    revalidatePath("/quality/rules");
    revalidatePath(`/quality/rules/${saved.key}`);
    return saved;
  },
);

export const deployRuleSetVersionAction = action(
  { permission: "quality:manage", input: ZDeployRuleSetVersion },
  async ({ input, actor }) => {
    const deployed = await deployRuleSetVersion(actor, input);
    revalidatePath("/quality/rules");
    revalidatePath(`/quality/rules/${deployed.key}`);
    return deployed;
  },
);

export const previewRuleSetImpactAction = action(
  { permission: "quality:rules", input: ZPreviewRuleSetImpact },
  async ({ input, actor }) => previewRuleSetImpact(actor, input),
);
