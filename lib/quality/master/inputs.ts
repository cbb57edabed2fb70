import { z } from "zod";
import { ZMasterConfig } from "./config";

// Inputs of the golden-record services and their server actions (shared by forms and services).

const zId = z.string().trim().min(1).max(64);

export const ZMasterEntityKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, "Use lower-case letters, digits, _ and -, starting with a letter.")
  // The portal's own pages sit at /quality/master/queue and /quality/master/golden.
  .refine((k) => k !== "queue" && k !== "golden", "That key is reserved; choose another.");

export const ZCreateMasterEntity = z.object({
  key: ZMasterEntityKey,
  name: z.string().trim().min(1, "Give the entity a name.").max(120),
  description: z.string().trim().max(2000).default(""),
  config: ZMasterConfig,
});

export const ZSaveMasterConfig = z.object({
  entityId: zId,
  config: ZMasterConfig,
  note: z.string().trim().max(500).default(""),
});

export const ZReviewItemId = z.object({ reviewItemId: zId });

export const ZUnmerge = z.object({
  goldenId: zId,
  sourceRecordIds: z.array(zId).min(1, "Choose at least one source record.").max(500),
});

export const ZUndoHistory = z.object({ historyId: zId });

export const REVIEW_STATUSES = ["open", "merged", "rejected"] as const;
export const GOLDEN_STATUSES = ["active", "merged", "retired"] as const;
