import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { withBody } from "@/lib/engine/core/message";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluateOnMessage } from "../shared/expressions";

export const transformJsonataProcessor = defineComponent({
  kind: "processor",
  name: "transform_jsonata",
  status: "stable",
  bounded: true,
  summary:
    "Message translator: replaces the body with the result of a JSONata mapping (compiled to plain JS when possible, else sandboxed).",
  config: z
    .object({
      expression: zJsonata("JSONata mapping over the body; $headers, $id, $correlationId are available."),
      onEmpty: z.enum(["fail", "drop"]).default("fail").describe("What to do when the mapping yields nothing."),
    })
    .strict(),
  create: (config, deps) => ({
    async process(msg) {
      const body = await evaluateOnMessage(deps, config.expression, msg);
      if (body === undefined) {
        if (config.onEmpty === "drop") return [];
        throw new PermanentError("JSONata mapping produced no value for this message");
      }
      return [withBody(msg, body, typeof body === "string" ? "text/plain" : "application/json")];
    },
  }),
});
