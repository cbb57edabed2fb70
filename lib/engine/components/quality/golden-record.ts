import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { withBody } from "@/lib/engine/core/message";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluateOnMessage } from "../shared/expressions";

const zKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, "lower-case letters, digits, _ and -");

/**
 * Golden record (master data management): sends the message as one source record of a master entity
 * to the engine's master-data service, which matches it and updates its golden record incrementally
 * with the entity's newest configuration. The golden-record change continues as the body; an
 * unchanged golden record is filtered out.
 */
export const goldenRecordProcessor = defineComponent({
  kind: "processor",
  name: "golden_record",
  status: "beta",
  summary:
    "Golden record: matches the body as a source record of a master entity, updates its golden record and emits the change (unchanged ones are dropped).",
  config: z
    .object({
      entity: zKey.describe("The master entity's key, as configured under Data quality → Golden records."),
      system: z.string().trim().min(1).max(80).describe("The sending system's key (its records' source)."),
      sourceId: zJsonata("JSONata for the record's id in the sending system, e.g. customerNo."),
      observedAt: zJsonata(
        "JSONata for when the source changed the record (ISO 8601); the message time when absent.",
      ).optional(),
      attributes: z
        .record(
          z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "attribute names: letters, digits and _"),
          zJsonata("JSONata for the attribute's value."),
        )
        .refine((a) => Object.keys(a).length > 0, "Map at least one attribute.")
        .describe("Attribute name → JSONata over the body."),
    })
    .strict(),
  create: (config, deps) => ({
    async process(msg) {
      if (!deps.masterData) throw new PermanentError("golden_record needs the engine's master-data service.");
      const sourceId = await evaluateOnMessage(deps, config.sourceId, msg);
      if (sourceId === undefined || sourceId === null || sourceId === "")
        throw new PermanentError("golden_record: sourceId produced no value for this message.");
      const observed = config.observedAt ? await evaluateOnMessage(deps, config.observedAt, msg) : undefined;
      const observedAt = observed === undefined || observed === null ? msg.time : String(observed);
      if (Number.isNaN(Date.parse(observedAt)))
        throw new PermanentError(`golden_record: observedAt "${observedAt}" is not a date-time.`);
      const attributes: Record<string, unknown> = {};
      for (const [name, expression] of Object.entries(config.attributes)) {
        const value = await evaluateOnMessage(deps, expression, msg);
        attributes[name] = value === undefined ? null : value;
      }
      const change = await deps.masterData.ingest({
        entity: config.entity,
        system: config.system,
        sourceId: String(sourceId),
        attributes,
        observedAt: new Date(observedAt).toISOString(),
      });
      if (change.change === "unchanged") return [];
      const provenance = "provenance" in change ? change.provenance : {};
      return [withBody(msg, { ...change, provenance }, "application/json")];
    },
  }),
});
