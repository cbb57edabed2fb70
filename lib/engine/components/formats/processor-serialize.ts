import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { withBody } from "@/lib/engine/core/message";
import { contentTypeOf, FORMATS, serializePayload } from "@/lib/engine/formats";

const zDelim = z.string().length(1);

export const processorSerialize = defineComponent({
  kind: "processor",
  name: "serialize",
  status: "stable",
  bounded: true,
  summary:
    "Writes the JSON body as JSON, XML, CSV, X12 or EDIFACT text. X12/EDIFACT take the segment shape their parsers produce; X12 can also envelope a {transactionSet, segments} document.",
  config: z
    .object({
      format: z.enum(FORMATS),
      pretty: z.boolean().default(false),
      csvDelimiter: zDelim.optional(),
      xmlRootName: z
        .string()
        .regex(/^[A-Za-z_][\w.-]*$/)
        .optional(),
      x12Delimiters: z.object({ element: zDelim, segment: zDelim, component: zDelim }).partial().strict().optional(),
      edifactDelimiters: z
        .object({ component: zDelim, element: zDelim, decimal: zDelim, release: zDelim, segment: zDelim })
        .partial()
        .strict()
        .optional(),
    })
    .strict(),
  create: (config) => ({
    async process(msg) {
      return [withBody(msg, serializePayload(config.format, msg.body, config), contentTypeOf(config.format))];
    },
  }),
});
