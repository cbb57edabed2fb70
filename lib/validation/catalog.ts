import { z } from "zod";
import { NODE_KINDS, type TCatalogLifecycle, type TNodeKind } from "@/lib/catalog/graph-types";

// The service catalog: entry metadata, the reconciliation's actions and impact queries.

export const CATALOG_LIFECYCLES = [
  "experimental",
  "production",
  "deprecated",
  "retired",
] as const satisfies readonly TCatalogLifecycle[];
export const CATALOG_TIERS = [1, 2, 3] as const;
export const TIER_LABELS: Record<number, string> = {
  1: "Tier 1 · business critical",
  2: "Tier 2 · important",
  3: "Tier 3 · best effort",
};
export const KIND_LABELS: Record<TNodeKind, string> = { system: "System", flow: "Flow", queue: "Queue", api: "API" };
export const DEFAULT_DEAD_AFTER_DAYS = 30;

export const ZCatalogKind = z.enum(NODE_KINDS as [TNodeKind, ...TNodeKind[]], { error: "Choose a kind." });
export const ZCatalogLifecycle = z.enum(CATALOG_LIFECYCLES, { error: "Choose a lifecycle." });

const key = z.string().trim().min(1, "Required.").max(200);
const url = z
  .string()
  .trim()
  .max(2000, "Use at most 2000 characters.")
  .refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), "Enter an http(s) link, or leave it empty.")
  .default("");
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

export const ZCatalogEntryRef = z.object({ kind: ZCatalogKind, key });
export type TCatalogEntryRef = z.infer<typeof ZCatalogEntryRef>;

export const ZUpdateCatalogEntryInput = ZCatalogEntryRef.extend({
  /** A user id; empty for an owner without an account (then ownerName says who). */
  ownerId: z.preprocess(blankToNull, z.string().trim().max(64).nullable()).default(null),
  ownerName: z.string().trim().max(200, "Use at most 200 characters.").default(""),
  lifecycle: ZCatalogLifecycle,
  tier: z.coerce.number({ error: "Choose a tier." }).int().min(1, "Choose a tier.").max(3, "Choose a tier."),
  docsUrl: url,
  runbookUrl: url,
  description: z.string().trim().max(4000, "Use at most 4000 characters.").default(""),
  assessmentIntervalDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Use whole days.")
    .min(7, "At least 7 days.")
    .max(730, "At most 730 days."),
});
export type TUpdateCatalogEntryInput = z.infer<typeof ZUpdateCatalogEntryInput>;

/** "Add to inventory": an undocumented path through a flow becomes an interface. */
export const ZDocumentPathInput = z
  .object({
    flowId: key,
    sourceSystemId: key,
    targetSystemId: key,
    name: z.string().trim().max(160, "Use at most 160 characters.").default(""),
  })
  .refine((v) => v.sourceSystemId !== v.targetSystemId, {
    path: ["targetSystemId"],
    message: "Source and target must be different systems.",
  });
export type TDocumentPathInput = z.infer<typeof ZDocumentPathInput>;

/** "Assign to system": an observed caller identity becomes one of the system's callerIds. */
export const ZAssignCallerInput = z.object({
  caller: z.string().trim().min(1, "Required.").max(200),
  systemId: z.string().trim().min(1, "Choose a system.").max(64),
});
export type TAssignCallerInput = z.infer<typeof ZAssignCallerInput>;

export const ZReconciliationQuery = z.object({
  deadAfterDays: z.coerce.number().int().min(1).max(3650).optional(),
});

/** A node named on the command line or in a URL: "kind:key", "kind:name" or a bare name. */
export const ZImpactQuery = z.object({ entry: z.string().trim().min(1, "Name an entry.").max(300) });

const lines = (max: number, each: z.ZodString) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\n,]+/) : v),
    z
      .array(z.string())
      .transform((a) => [...new Set(a.map((s) => s.trim()).filter(Boolean))])
      .pipe(z.array(each).max(max, `At most ${max}.`)),
  );

/** A system's URL prefixes and caller identities: what the engine's observations are matched with. */
export const ZSystemEndpointsInput = z.object({
  systemId: z.string().trim().min(1).max(64),
  endpoints: lines(
    50,
    z
      .string()
      .max(500)
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, "Each endpoint is an http(s) URL prefix, e.g. https://erp.internal/api."),
  ).default([]),
  callerIds: lines(50, z.string().max(200)).default([]),
});
export type TSystemEndpointsInput = z.infer<typeof ZSystemEndpointsInput>;
