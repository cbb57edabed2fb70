import { z } from "zod";
import { LEVELS, SCOPE_KINDS, TAGS } from "@/lib/quality/privacy/classification";
import { isFieldPath } from "@/lib/quality/privacy/paths";

// Inputs of the privacy services and actions (pure: the client components import the types).

const zId = z.string().trim().min(1).max(64);

export const ZClassifyField = z.object({
  scopeKind: z.enum(SCOPE_KINDS),
  scopeId: zId,
  fieldPath: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .refine(isFieldPath, "use a field path such as customer.email or lines[].card"),
  level: z.enum(LEVELS),
  tags: z.array(z.enum(TAGS)).max(TAGS.length).default([]),
});
export type TClassifyField = z.input<typeof ZClassifyField>;

export const ZDecideSuggestion = z.object({ id: zId, decision: z.enum(["confirm", "dismiss"]) });
export const ZSuggestForFlow = z.object({
  flowId: zId,
  sampleSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const ZSavePolicy = z.object({
  /** The policy document as JSON text (the editor's content). */
  document: z.string().min(2).max(200_000),
  note: z.string().trim().max(500).default(""),
});
export const ZDeployPolicy = z.object({
  versionId: zId,
  environmentId: zId,
  changeRequestId: zId.optional().nullable(),
});

export const ZRotateKey = z.object({ confirm: z.literal("rotate", { message: 'type "rotate" to confirm' }) });
export const ZDetokenize = z.object({
  token: z.string().trim().min(5).max(2000),
  tweak: z.string().max(64).default(""),
  reason: z.string().trim().min(3, "say why you need the clear value").max(500),
});

export const ZCreateMaskedDataset = z.object({
  flowId: zId,
  targetEnvironmentId: zId,
  source: z.enum(["runs", "dead_letters"]).default("runs"),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});
