import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { compileSchema } from "./ajv";

export const validateJsonSchemaProcessor = defineComponent({
  kind: "processor",
  name: "validate_json_schema",
  status: "stable",
  bounded: true,
  summary:
    "Validates the JSON body against a JSON Schema (draft 2020-12, formats, patterns run on RE2). Invalid messages are marked failed (permanent).",
  config: z
    .object({
      schema: z
        .record(z.string(), z.unknown())
        .superRefine((schema, ctx) => {
          try {
            compileSchema(schema);
          } catch (error) {
            ctx.addIssue({
              code: "custom",
              message: `schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
            });
          }
        })
        .describe("A JSON Schema object."),
      maxErrors: z.number().int().min(1).max(100).default(5).describe("How many violations to list in the error."),
    })
    .strict(),
  create: (config) => {
    const validate = compileSchema(config.schema);
    return {
      async process(msg) {
        if (typeof msg.body === "string" || Buffer.isBuffer(msg.body))
          throw new PermanentError("validate_json_schema needs a parsed body; add a parse step first");
        if (validate(msg.body)) return [msg];
        const errors = (validate.errors ?? [])
          .slice(0, config.maxErrors)
          .map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`);
        throw new PermanentError(`schema validation failed: ${errors.join("; ")}`);
      },
    };
  },
});
