import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { isFieldPath, parsePath } from "@/lib/quality/privacy/paths";
import { applyMasks, MissingKeysError, ZMaskMethod, type TCompiledMask } from "@/lib/quality/privacy/policy";

// Masks named fields explicitly, in any environment (the automatic masking outside production is the
// runner's, before outputs). Classifications stop propagating at this step for the fields it masks.

const ZMaskField = ZMaskMethod.extend({
  path: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .refine(isFieldPath, "use a field path such as customer.email or lines[].card")
    .describe("Field to mask: customer.email, lines[].card, contacts.*.phone."),
}).strict();

export const maskProcessor = defineComponent({
  kind: "processor",
  name: "mask",
  status: "beta",
  summary: "Masks fields (redact, partial, salted hash or format-preserving token) in every environment.",
  config: z.object({ fields: z.array(ZMaskField).min(1, "name at least one field").max(200) }).strict(),
  create: (config, deps) => {
    const masks: TCompiledMask[] = config.fields.map(({ path, ...mask }) => ({
      path,
      segments: parsePath(path),
      mask,
    }));
    const needsKeys = masks.some((m) => m.mask.method === "hash" || m.mask.method === "tokenize");
    return {
      async process(msg) {
        const keys = needsKeys && deps.masking?.maskKeys ? await deps.masking.maskKeys() : null;
        if (needsKeys && !keys) throw new MissingKeysError();
        if (typeof msg.body === "string" || Buffer.isBuffer(msg.body))
          throw new Error("mask needs a JSON body: put a parse_json step before it.");
        return [{ ...msg, body: applyMasks(msg.body, masks, keys) }];
      },
    };
  },
});
