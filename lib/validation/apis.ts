import { z } from "zod";
import { API_PRODUCT_KEY, API_PRODUCT_KEY_HINT } from "./api-product-key";
import { FLOW_NAME, FLOW_NAME_HINT } from "@/lib/validation/flows";

// API products, their major versions and revisions: the forms, actions and services share these.

export const API_LIFECYCLES = ["draft", "published", "deprecated", "retired"] as const;
export type TApiLifecycle = (typeof API_LIFECYCLES)[number];

/** Segments the portal uses under /apis/ itself; a product with such a key would be unreachable there. */
export const RESERVED_API_KEYS = ["new", "analytics", "consumers", "plans", "keys", "errors"] as const;

/** The longest OpenAPI text accepted (uploaded or pasted). */
export const MAX_OPENAPI_TEXT = 2_000_000;
/** The longest a breaking-change waiver may run. */
export const MAX_WAIVER_DAYS = 90;

const id = z.string().trim().min(1, "Required.").max(64);
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const productKey = z
  .string()
  .trim()
  .regex(API_PRODUCT_KEY, API_PRODUCT_KEY_HINT)
  .refine((k) => !(RESERVED_API_KEYS as readonly string[]).includes(k), {
    message: `"new", "analytics", "consumers", "plans", "keys" and "errors" are taken by the portal; choose another key.`,
  });

const productFields = {
  name: z.string().trim().min(2, "Give the API a name of at least 2 characters.").max(120),
  description: z.string().trim().max(4000).default(""),
  ownerId: z.preprocess(emptyToNull, id.nullable()).default(null),
  systemId: z.preprocess(emptyToNull, id.nullable()).default(null),
};

export const ZCreateApiProduct = z.object({ key: productKey, ...productFields });
export type TCreateApiProduct = z.output<typeof ZCreateApiProduct>;

export const ZUpdateApiProduct = z.object({ productId: id, ...productFields });
export type TUpdateApiProduct = z.output<typeof ZUpdateApiProduct>;

export const ZApiProductId = z.object({ productId: id });
export const ZApiVersionId = z.object({ apiVersionId: id });

const major = z.coerce
  .number({ error: "Enter the major version as a whole number." })
  .int("Enter the major version as a whole number.")
  .min(0)
  .max(9999);

/**
 * A revision from the portal: the OpenAPI text (JSON or YAML) and where the gateway sends requests.
 * The backend is a flow (deployed in the same environment) or an HTTP base URL.
 */
export const ZAddApiRevision = z
  .object({
    productKey: productKey,
    major,
    source: z
      .string()
      .max(MAX_OPENAPI_TEXT, "The document is larger than 2 MB.")
      .refine((s) => s.trim().length > 0, { message: "Upload a file or paste the OpenAPI document." }),
    backendKind: z.enum(["flow", "http"], { error: "Choose a flow or an HTTP upstream." }),
    backendFlow: z.preprocess(emptyToUndefined, z.string().trim().regex(FLOW_NAME, FLOW_NAME_HINT).optional()),
    backendUrl: z.preprocess(emptyToUndefined, z.string().trim().max(2000).optional()),
    jwksUrl: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^https?$/, error: "Give the JWKS as an http(s) URL." }).optional(),
    ),
    syncTimeoutMs: z.coerce
      .number({ error: "Enter a timeout in milliseconds." })
      .int()
      .min(100, "At least 100 ms.")
      .max(120_000, "At most 120,000 ms.")
      .default(10_000),
    note: z.string().trim().max(500).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.backendKind === "flow" && !v.backendFlow)
      ctx.addIssue({ code: "custom", path: ["backendFlow"], message: "Name the flow that serves this API." });
    if (v.backendKind === "http") {
      if (!v.backendUrl)
        ctx.addIssue({ code: "custom", path: ["backendUrl"], message: "Give the upstream's base URL." });
      else if (!/^https?:\/\/\S+$/i.test(v.backendUrl) && !/^\$\{vars\.[A-Z0-9_]+\}/i.test(v.backendUrl))
        ctx.addIssue({
          code: "custom",
          path: ["backendUrl"],
          message: "Use an http(s) URL, or one starting with ${vars.NAME}.",
        });
    }
  });
export type TAddApiRevision = z.output<typeof ZAddApiRevision>;

/** Publish = deploy a revision to an environment (not production: that goes through a change). */
export const ZPublishApiRevision = z.object({ revisionId: id, environmentId: id });
export type TPublishApiRevision = z.output<typeof ZPublishApiRevision>;

export const ZCreateApiWaiver = z.object({
  revisionId: id,
  changeRequestId: id,
  reason: z.string().trim().min(10, "Say in at least 10 characters why the break is acceptable.").max(4000),
  expiresAt: z.coerce
    .date({ error: "Enter the expiry as a date." })
    .refine((d) => !Number.isNaN(d.getTime()), { message: "Enter the expiry as a date." }),
});
export type TCreateApiWaiver = z.output<typeof ZCreateApiWaiver>;

export const ZDeprecateApiVersion = z.object({
  apiVersionId: id,
  sunsetAt: z.coerce
    .date({ error: "Enter the sunset as a date." })
    .refine((d) => !Number.isNaN(d.getTime()), { message: "Enter the sunset as a date." }),
  successorId: z.preprocess(emptyToNull, id.nullable()).default(null),
  note: z.string().trim().max(2000).default(""),
});
export type TDeprecateApiVersion = z.output<typeof ZDeprecateApiVersion>;

/** "v1" from the URL → 1; null when the segment is not a major version. */
export function parseMajorSegment(segment: string): number | null {
  const m = /^v(\d{1,4})$/.exec(segment);
  return m ? Number(m[1]) : null;
}
