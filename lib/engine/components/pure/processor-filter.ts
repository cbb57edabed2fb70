import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { toBoolean } from "@/lib/engine/sandbox/jsonata-runtime";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluateOnMessage } from "../shared/expressions";

export const filterProcessor = defineComponent({
  kind: "processor",
  name: "filter",
  status: "stable",
  bounded: true,
  summary: "Message filter: keeps the message when the JSONata condition is true, drops it otherwise.",
  config: z.object({ when: zJsonata("Condition over the body, e.g. total > 0 and status = 'open'.") }).strict(),
  create: (config, deps) => ({
    async process(msg) {
      return toBoolean(await evaluateOnMessage(deps, config.when, msg)) ? [msg] : [];
    },
  }),
});
