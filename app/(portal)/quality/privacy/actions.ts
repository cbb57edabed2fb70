"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  classifyField,
  createMaskedDatasetJob,
  decideSuggestion,
  deployMaskingPolicy,
  detokenize,
  rotateTokenKey,
  saveMaskingPolicy,
  suggestForFlow,
} from "@/lib/services/quality/privacy";
import {
  ZClassifyField,
  ZCreateMaskedDataset,
  ZDecideSuggestion,
  ZDeployPolicy,
  ZDetokenize,
  ZRotateKey,
  ZSavePolicy,
  ZSuggestForFlow,
} from "@/lib/services/quality/privacy/schema";

// Classification, masking and tokenization. Each action names its permission; the services check it
// again and audit. A detokenized value is returned to the caller only, never logged or revalidated.

export const classifyFieldAction = action(
  { permission: "quality:classify", input: ZClassifyField },
  async ({ input, actor }) => {
    const row = await classifyField(actor, input);
    revalidatePath("/quality/privacy");
    return { id: row.id, fieldPath: row.fieldPath, scopeName: row.scopeName, level: row.level, tags: row.tags };
  },
);

export const decideSuggestionAction = action(
  { permission: "quality:classify", input: ZDecideSuggestion },
  async ({ input, actor }) => {
    const row = await decideSuggestion(actor, input);
    revalidatePath("/quality/privacy");
    return { id: row.id, status: row.status, fieldPath: row.fieldPath };
  },
);

export const suggestForFlowAction = action(
  { permission: "quality:classify", input: ZSuggestForFlow },
  async ({ input, actor }) => {
    const result = await suggestForFlow(actor, input);
    revalidatePath("/quality/privacy");
    return result;
  },
);

export const saveMaskingPolicyAction = action(
  { permission: "quality:manage", input: ZSavePolicy },
  async ({ input, actor }) => {
    const saved = await saveMaskingPolicy(actor, input);
    revalidatePath("/quality/privacy/policies");
    revalidatePath(`/quality/privacy/policies/${saved.key}`);
    return { key: saved.key, versionId: saved.versionId, version: saved.version, created: saved.created };
  },
);

export const deployMaskingPolicyAction = action(
  { permission: "quality:manage", input: ZDeployPolicy },
  async ({ input, actor }) => {
    const deployed = await deployMaskingPolicy(actor, input);
    revalidatePath("/quality/privacy/policies", "layout");
    return { deploymentId: deployed.deploymentId };
  },
);

export const rotateTokenKeyAction = formAction(
  { permission: "quality:manage", input: ZRotateKey },
  async ({ input, actor }) => {
    const rotated = await rotateTokenKey(actor, input);
    revalidatePath("/quality/privacy/keys");
    return { version: rotated.version, previous: rotated.previous };
  },
);

export const detokenizeAction = formAction(
  { permission: "quality:detokenize", input: ZDetokenize },
  async ({ input, actor }) => detokenize(actor, input),
);

export const createMaskedDatasetAction = formAction(
  { permission: "quality:manage", input: ZCreateMaskedDataset },
  async ({ input, actor }) => {
    const job = await createMaskedDatasetJob(actor, input);
    revalidatePath("/quality/privacy/datasets");
    return job;
  },
);
