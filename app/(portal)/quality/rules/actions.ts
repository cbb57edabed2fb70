"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  ZCreateRuleSet,
  ZDeployRuleSetVersion,
  ZPreviewRuleSetImpact,
  ZRuleSetRef,
  ZSaveRuleSetVersion,
  ZUndeployRuleSet,
  ZUpdateRuleSet,
} from "@/lib/quality/rules/inputs";
import {
  archiveRuleSet,
  createRuleSet,
  deployRuleSetVersion,
  previewRuleSetImpact,
  restoreRuleSet,
  saveRuleSetVersion,
  undeployRuleSet,
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

export const undeployRuleSetAction = action(
  { permission: "quality:manage", input: ZUndeployRuleSet },
  async ({ input, actor }) => {
    const undeployed = await undeployRuleSet(actor, input);
    revalidatePath("/quality/rules");
    revalidatePath(`/quality/rules/${undeployed.key}`);
    return undeployed;
  },
);

export const archiveRuleSetAction = action(
  { permission: "quality:rules", input: ZRuleSetRef },
  async ({ input, actor }) => {
    const archived = await archiveRuleSet(actor, input);
    revalidatePath("/quality/rules");
    revalidatePath(`/quality/rules/${archived.key}`);
    return archived;
  },
);

export const restoreRuleSetAction = action(
  { permission: "quality:rules", input: ZRuleSetRef },
  async ({ input, actor }) => {
    const restored = await restoreRuleSet(actor, input);
    revalidatePath("/quality/rules");
    revalidatePath(`/quality/rules/${restored.key}`);
    return restored;
  },
);
