import { z } from "zod";

// An entity's match and survivorship configuration. Stored as immutable versions (MasterEntityVersion);
// the engine and the portal's services apply the newest one.

export const ATTRIBUTE_TYPES = ["string", "name", "email", "phone", "address", "postal_code", "text"] as const;
export const COMPARATORS = ["exact", "jaro_winkler", "levenshtein"] as const;
export const SURVIVORSHIP_RULES = ["source_priority", "most_recent", "most_complete", "trusted_source"] as const;
export const BLOCKING_METHODS = ["exact", "prefix", "token_prefixes"] as const;

const zName = z
  .string()
  .trim()
  .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "Use letters, digits and _ starting with a lower-case letter.");
const zSystem = z.string().trim().min(1).max(80);

export const ZMasterAttribute = z
  .object({
    name: zName,
    label: z.string().trim().max(80).default(""),
    type: z.enum(ATTRIBUTE_TYPES).default("string"),
    survivorship: z.enum(SURVIVORSHIP_RULES).default("source_priority"),
    /** Source priority for this attribute (first wins); empty: the entity's sourcePriority. */
    priority: z.array(zSystem).default([]),
    /** For trusted_source: the system whose value wins whenever it has one. */
    trustedSystem: zSystem.optional(),
  })
  .strict();

export const ZMasterMatchField = z
  .object({
    attribute: zName,
    comparator: z.enum(COMPARATORS).default("jaro_winkler"),
    weight: z.number().positive().max(100),
  })
  .strict();

export const ZMasterBlocking = z
  .object({
    attribute: zName,
    method: z.enum(BLOCKING_METHODS).default("prefix"),
    length: z.number().int().min(1).max(20).default(3),
  })
  .strict();

export const ZMasterConfig = z
  .object({
    attributes: z.array(ZMasterAttribute).min(1).max(60),
    /** Systems in order of trust (first wins) for source_priority. */
    sourcePriority: z.array(zSystem).default([]),
    /** Each inner list is one deterministic key: records equal on all its attributes (normalized) match. */
    deterministicKeys: z.array(z.array(zName).min(1)).default([]),
    fuzzy: z.array(ZMasterMatchField).default([]),
    blocking: z.array(ZMasterBlocking).default([]),
    /** At or above: linked automatically. */
    matchThreshold: z.number().min(0).max(1).default(0.9),
    /** At or above (and below matchThreshold): a steward decides. */
    reviewThreshold: z.number().min(0).max(1).default(0.75),
  })
  .strict()
  .superRefine((c, ctx) => {
    const names = new Set(c.attributes.map((a) => a.name));
    if (names.size !== c.attributes.length)
      ctx.addIssue({ code: "custom", path: ["attributes"], message: "Attribute names must be unique." });
    const check = (name: string, path: (string | number)[]) => {
      if (!names.has(name)) ctx.addIssue({ code: "custom", path, message: `"${name}" is not an attribute.` });
    };
    c.deterministicKeys.forEach((k, i) => k.forEach((a, j) => check(a, ["deterministicKeys", i, j])));
    c.fuzzy.forEach((f, i) => check(f.attribute, ["fuzzy", i, "attribute"]));
    c.blocking.forEach((b, i) => check(b.attribute, ["blocking", i, "attribute"]));
    c.attributes.forEach((a, i) => {
      if (a.survivorship === "trusted_source" && !a.trustedSystem)
        ctx.addIssue({ code: "custom", path: ["attributes", i, "trustedSystem"], message: "Name the trusted system." });
    });
    if (c.reviewThreshold > c.matchThreshold)
      ctx.addIssue({
        code: "custom",
        path: ["reviewThreshold"],
        message: "The review threshold must not be above the match threshold.",
      });
  });

export type TMasterConfig = z.output<typeof ZMasterConfig>;
export type TMasterConfigInput = z.input<typeof ZMasterConfig>;
export type TMasterAttribute = z.output<typeof ZMasterAttribute>;

/** Per attribute: where its golden value came from. */
export type TProvenance = {
  system: string;
  sourceRecordId: string;
  sourceId: string;
  rule: (typeof SURVIVORSHIP_RULES)[number];
  observedAt: string;
};

/** A source record as matching and survivorship see it. */
export type TMasterRecord = {
  id: string;
  system: string;
  sourceId: string;
  attributes: Record<string, unknown>;
  observedAt: string;
};
