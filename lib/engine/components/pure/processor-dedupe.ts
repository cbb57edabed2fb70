import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { REPLAY_HEADER } from "@/lib/engine/core/message";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluateOnMessage } from "../shared/expressions";
import { sharedMemoryDedupeStore } from "./memory-dedupe-store";

export const dedupeProcessor = defineComponent({
  kind: "processor",
  name: "dedupe",
  status: "stable",
  summary:
    "Idempotent consumer: drops a message whose key another message already claimed within the TTL. A redelivery of the same message (after a failed output or a crash) and a replay go through. Uses the engine's shared store (Postgres) when it provides one, else an in-process store.",
  config: z
    .object({
      key: zJsonata("Expression giving the business key, e.g. orderId or customer.id & '-' & orderId."),
      ttlMs: z
        .number()
        .int()
        .min(1_000)
        .max(30 * 86_400_000)
        .default(86_400_000),
      scope: z
        .string()
        .regex(/^[a-z0-9_-]{1,64}$/)
        .optional()
        .describe("Namespace for keys, so two flows with the same keys do not collide."),
    })
    .strict(),
  create: (config, deps) => {
    const store = deps.dedupeStore ?? sharedMemoryDedupeStore();
    return {
      async process(msg) {
        const key = await evaluateOnMessage(deps, config.key, msg);
        if (key === undefined || key === null || typeof key === "object") {
          throw new PermanentError(
            `dedupe key expression ${JSON.stringify(config.key)} gave ${key === undefined ? "nothing" : "a non-scalar value"} for this message`,
          );
        }
        const isNew = await store.claim(`${config.scope ?? ""}:${String(key)}`, config.ttlMs, {
          messageId: msg.id,
          takeOver: REPLAY_HEADER in msg.headers,
        });
        return isNew ? [msg] : [];
      },
    };
  },
});
