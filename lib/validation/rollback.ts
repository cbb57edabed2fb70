import { z } from "zod";

const id = z.string().trim().min(1, "Required.");

export const ZRollbackInput = z.object({
  flowId: id,
  environmentKey: z.string().trim().min(1, "Choose the environment."),
  reason: z.string().trim().min(3, "Say why you roll back (at least 3 characters).").max(4000),
});
export type TRollbackInput = z.infer<typeof ZRollbackInput>;

export const ZRestorationStepInput = z.object({
  stepId: id,
  note: z.string().trim().max(4000).default(""),
  /** A compensate step whose run kept its input: also replay that input on the good version. */
  replay: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});
export type TRestorationStepInput = z.infer<typeof ZRestorationStepInput>;
