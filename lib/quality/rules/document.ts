import jsonata from "jsonata";
import { z } from "zod";
import { parseFieldPath } from "./paths";
import { RULE_FORMATS, RULE_TYPES } from "./constants";
import { regexError } from "./regex";

// The content of a rule-set version: what data owners edit in the portal and what the engine's
// validate_rules step enforces. Every rule names one field (a dotted path, `[]` for each element of an
// array: `lines[].sku`), one check, a severity (only errors quarantine) and the message people read.

export type { TRuleFormat } from "./constants";

const zPath = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .superRefine((path, ctx) => {
    try {
      parseFieldPath(path);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  });

const zScalar = z.union([z.string().max(1_000), z.number(), z.boolean()]);

/** A date bound: an ISO date (2024-01-31) or date-time, or "today" ± days ("today-30d"). */
const zDateBound = z
  .string()
  .trim()
  .regex(
    /^(\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?|today([+-]\d{1,5}d)?)$/,
    'an ISO date such as 2024-01-31, or "today", "today-30d", "today+7d"',
  );

const zJsonataExpression = z
  .string()
  .trim()
  .min(1)
  .max(5_000)
  .superRefine((expr, ctx) => {
    try {
      jsonata(expr);
    } catch (error) {
      const e = error as { message?: string; position?: number };
      ctx.addIssue({
        code: "custom",
        message: `invalid JSONata: ${e.message ?? String(error)}${e.position !== undefined ? ` (position ${e.position})` : ""}`,
      });
    }
  });

const zWhen = z
  .object({
    field: zPath,
    equals: zScalar.optional(),
    in: z.array(zScalar).min(1).optional(),
    present: z.boolean().optional(),
  })
  .strict()
  .refine((w) => [w.equals, w.in, w.present].filter((x) => x !== undefined).length === 1, {
    message: "a condition needs exactly one of equals, in or present",
  })
  .describe("Cross-field condition: the rule applies only to records where this holds.");

const zRuleBase = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,79}$/, "lower-case letters, digits, _ . - (at most 80), e.g. order-email-format"),
  field: zPath,
  severity: z.enum(["error", "warning"]).default("error"),
  message: z.string().trim().max(500).optional(),
  when: zWhen.optional(),
});

const variants = [
  zRuleBase.extend({ check: z.literal("required") }).strict(),
  zRuleBase.extend({ check: z.literal("type"), type: z.enum(RULE_TYPES) }).strict(),
  zRuleBase.extend({ check: z.literal("format"), format: z.enum(RULE_FORMATS) }).strict(),
  zRuleBase
    .extend({
      check: z.literal("pattern"),
      pattern: z
        .string()
        .min(1)
        .max(1_000)
        .superRefine((p, ctx) => {
          const err = regexError(p);
          if (err) ctx.addIssue({ code: "custom", message: err });
        }),
    })
    .strict(),
  zRuleBase.extend({ check: z.literal("range"), min: z.number().optional(), max: z.number().optional() }).strict(),
  zRuleBase
    .extend({
      check: z.literal("length"),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
    })
    .strict(),
  zRuleBase.extend({ check: z.literal("date_range"), min: zDateBound.optional(), max: zDateBound.optional() }).strict(),
  zRuleBase.extend({ check: z.literal("enum"), values: z.array(zScalar).min(1).max(1_000) }).strict(),
  /** A JSONata condition over the whole record that must be true (e.g. `deliveryDate >= orderDate`). */
  zRuleBase.extend({ check: z.literal("expression"), expression: zJsonataExpression }).strict(),
  /** The value must be an attribute value of a golden record of the master entity (e.g. customer.id). */
  zRuleBase
    .extend({
      check: z.literal("lookup"),
      entity: z.string().trim().min(1).max(100),
      attribute: z.string().trim().min(1).max(100),
    })
    .strict(),
] as const;

export const ZRule = z.discriminatedUnion("check", variants).superRefine((r, ctx) => {
  if (r.check === "range" || r.check === "length" || r.check === "date_range") {
    if (r.min === undefined && r.max === undefined)
      ctx.addIssue({ code: "custom", path: ["min"], message: "give min, max or both" });
    else if (typeof r.min === "number" && typeof r.max === "number" && r.min > r.max)
      ctx.addIssue({ code: "custom", path: ["max"], message: "max must not be below min" });
  }
});
export type TRule = z.output<typeof ZRule>;
export type TRuleCheck = TRule["check"];
export type TScalar = z.output<typeof zScalar>;

export const ZRuleSetDocument = z
  .object({
    description: z.string().trim().max(2_000).optional(),
    rules: z
      .array(ZRule)
      .max(500)
      .superRefine((rules, ctx) => {
        const seen = new Set<string>();
        rules.forEach((r, i) => {
          if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate rule id "${r.id}"` });
          seen.add(r.id);
        });
      }),
  })
  .strict();

export type TRuleSetDocument = z.output<typeof ZRuleSetDocument>;
/** A document as written (severity may be left out). */
export type TRuleSetDocumentInput = z.input<typeof ZRuleSetDocument>;
