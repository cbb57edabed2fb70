import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { deriveMessage, guessContentType } from "@/lib/engine/core/message";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluateOnMessage } from "../shared/expressions";

export const SPLIT_INDEX_HEADER = "sb-split-index";
export const SPLIT_COUNT_HEADER = "sb-split-count";
export const SPLIT_PARENT_HEADER = "sb-split-parent";

export const splitProcessor = defineComponent({
  kind: "processor",
  name: "split",
  status: "stable",
  bounded: true,
  summary:
    "Splitter: one message per element of an array in the body. Parts keep the correlation id and carry sb-split-index / sb-split-count.",
  config: z
    .object({
      path: zJsonata(
        "Expression selecting the array, e.g. order.lines. `$` splits a body that is itself an array.",
      ).default("$"),
      maxParts: z.number().int().min(1).max(1_000_000).default(10_000),
    })
    .strict(),
  create: (config, deps) => ({
    async process(msg) {
      const value =
        config.path === "$" && Array.isArray(msg.body) ? msg.body : await evaluateOnMessage(deps, config.path, msg);
      const parts = value === undefined ? [] : Array.isArray(value) ? value : [value];
      if (parts.length > config.maxParts)
        throw new PermanentError(`split produced ${parts.length} parts, over maxParts ${config.maxParts}`);
      return parts.map((body, i) =>
        deriveMessage(msg, {
          body,
          datacontenttype: guessContentType(body),
          headers: {
            [SPLIT_INDEX_HEADER]: String(i),
            [SPLIT_COUNT_HEADER]: String(parts.length),
            [SPLIT_PARENT_HEADER]: msg.id,
          },
        }),
      );
    },
  }),
});
