import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "@/lib/utils/canonical-json";
import { API_PRODUCT_KEY, API_PRODUCT_KEY_HINT } from "@/lib/validation/api-product-key";
import { FLOW_NAME, FLOW_NAME_HINT } from "@/lib/validation/flows";

/** The config item key of a major version: "orders/v1". */
export const apiItemKey = (product: string, major: number) => `${product}/v${major}`;
export function parseApiItemKey(key: string): { product: string; major: number } | null {
  const m = /^([a-z][a-z0-9-]{1,40})\/v(\d{1,4})$/.exec(key);
  return m ? { product: m[1], major: Number(m[2]) } : null;
}

/** Where the gateway sends a request: a flow deployed in the same environment, or an HTTP upstream. */
export const ZApiBackend = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("flow"),
      flow: z.string().regex(FLOW_NAME, FLOW_NAME_HINT),
    })
    .strict(),
  z
    .object({
      kind: z.literal("http"),
      /** Base URL; the request path after /<product>/v<major> is appended. May use ${vars.NAME}. */
      url: z.string().min(1).max(2000),
    })
    .strict(),
]);
export type TApiBackend = z.output<typeof ZApiBackend>;

export const ZApiAuth = z
  .object({
    /** API keys (X-API-Key or `Authorization: ApiKey <key>`) are always accepted. */
    jwt: z
      .object({
        jwksUrl: z.url({ protocol: /^https?$/, error: "Give the JWKS as an http(s) URL." }),
        issuer: z.string().min(1).optional(),
        audience: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * One revision of a major version, as stored and as exported (apis/<product>/v<major>.json): the
 * OpenAPI 3.0/3.1 object (validated by lib/apis/openapi), where requests go, and how long a request may
 * run synchronously before it is answered 202 with a status resource.
 */
export const ZApiDocument = z
  .object({
    product: z.string().regex(API_PRODUCT_KEY, API_PRODUCT_KEY_HINT),
    major: z.number().int().min(0).max(9999),
    openapi: z.record(z.string(), z.unknown()),
    backend: ZApiBackend,
    auth: ZApiAuth.default({}),
    /** Past this, the gateway answers 202 + Location and finishes in the background. */
    syncTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .strict();
export type TApiDocument = z.output<typeof ZApiDocument>;

export function apiContentHash(doc: TApiDocument): string {
  return createHash("sha256")
    .update(canonicalJson(ZApiDocument.parse(doc)))
    .digest("hex");
}
