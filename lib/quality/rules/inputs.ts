import { z } from "zod";
import { PREVIEW_SIZES } from "./constants";
import { ZRuleSetDocument } from "./document";

// What the portal's rule-set forms and actions send (parsed again by the services).

export const ZRuleSetKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lower-case letters, digits and dashes (2–63), e.g. orders-entry");

const optionalId = z
  .string()
  .trim()
  .max(100)
  .transform((v) => v || null)
  .nullable()
  .default(null);

export const ZRuleSetMeta = z.object({
  name: z.string().trim().min(1, "Give the rule set a name.").max(120),
  description: z.string().trim().max(2_000).default(""),
  ownerId: z.string().trim().min(1, "Choose the responsible data owner."),
  dataDomainId: optionalId,
  flowId: optionalId,
  interfaceId: optionalId,
});

export const ZCreateRuleSet = ZRuleSetMeta.extend({ key: ZRuleSetKey });
export type TCreateRuleSet = z.input<typeof ZCreateRuleSet>;
export const ZUpdateRuleSet = ZRuleSetMeta.extend({ ruleSetId: z.string().min(1) });

export const ZSaveRuleSetVersion = z.object({
  ruleSetId: z.string().min(1),
  document: ZRuleSetDocument,
  note: z.string().trim().max(500).default(""),
});

export const ZDeployRuleSetVersion = z.object({
  versionId: z.string().min(1),
  environmentId: z.string().min(1),
});

export const ZPreviewRuleSetImpact = z.object({
  ruleSetId: z.string().min(1),
  environmentId: z.string().min(1),
  /** The draft, as the editor holds it (parsed by the service so errors point at rules). */
  document: z.unknown(),
  limit: z.coerce
    .number()
    .int()
    .refine((n) => (PREVIEW_SIZES as readonly number[]).includes(n), "Choose 100 or 1000 records.")
    .default(100),
});

/** Archive and restore name the rule set only. */
export const ZRuleSetRef = z.object({ ruleSetId: z.string().trim().min(1).max(100) });

/** Stop enforcing a rule set in one (non-production) environment. */
export const ZUndeployRuleSet = z.object({
  ruleSetId: z.string().trim().min(1).max(100),
  environmentId: z.string().trim().min(1).max(100),
});
