import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { withBody } from "@/lib/engine/core/message";
import { DEFAULT_MAX_BYTES, FORMATS, parsePayload } from "@/lib/engine/formats";

export const processorParse = defineComponent({
  kind: "processor",
  name: "parse",
  status: "stable",
  bounded: true,
  summary:
    "Parses a text/bytes body as JSON, XML, CSV, X12 or EDIFACT into a JSON value. One component for all formats: pick it with `format`.",
  config: z
    .object({
      format: z.enum(FORMATS),
      maxBytes: z
        .number()
        .int()
        .min(1)
        .max(100 * 1024 * 1024)
        .default(DEFAULT_MAX_BYTES),
      csvDelimiter: z.string().length(1).optional(),
    })
    .strict(),
  create: (config) => ({
    async process(msg) {
      if (typeof msg.body !== "string" && !Buffer.isBuffer(msg.body)) {
        if (config.format === "json") return [msg]; // already parsed (e.g. by the gateway)
        throw new PermanentError(`parse ${config.format} needs a text body, got parsed JSON`);
      }
      const value = parsePayload(config.format, msg.body, {
        maxBytes: config.maxBytes,
        csvDelimiter: config.csvDelimiter,
      });
      return [withBody(msg, value, "application/json")];
    },
  }),
});
