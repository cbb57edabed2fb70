import type { TApiVersionEntry } from "./route-types";

/** Where the links of a deprecated version point: the portal's page for it and the gateway's own base URL. */
export type TLinkBases = {
  /** The portal's public URL (AUTH_URL); unset, the deprecation link is a path. */
  portal?: string;
  /** The API gateway's public base URL, e.g. https://api.example.com (or the request's own host). */
  gateway: string;
};

const trimSlash = (s: string) => s.replace(/\/+$/, "");

/** The successor's base URL on this gateway, or null when the version names none. */
export function successorUrl(v: TApiVersionEntry, bases: TLinkBases): string | null {
  return v.successor ? `${trimSlash(bases.gateway)}/${v.successor.product}/v${v.successor.major}` : null;
}

/**
 * The headers every answer of a deprecated version carries, errors included: Deprecation (RFC 9745,
 * `@<unix seconds>`), Sunset (RFC 8594, an HTTP date) and Link with the portal's page for the version
 * (rel="deprecation") and its successor (rel="successor-version"). Empty for a version in good standing.
 */
export function deprecationHeaders(v: TApiVersionEntry, bases: TLinkBases): Record<string, string> {
  if (v.deprecatedAt === null && v.lifecycle !== "deprecated" && v.lifecycle !== "retired") return {};
  const headers: Record<string, string> = {};
  if (v.deprecatedAt !== null) headers.deprecation = `@${Math.floor(v.deprecatedAt / 1000)}`;
  if (v.sunsetAt !== null) headers.sunset = new Date(v.sunsetAt).toUTCString();
  const links = [`<${bases.portal ? trimSlash(bases.portal) : ""}/apis/${v.product}/v${v.major}>; rel="deprecation"`];
  const next = successorUrl(v, bases);
  if (next) links.push(`<${next}>; rel="successor-version"`);
  headers.link = links.join(", ");
  return headers;
}

/** Past its sunset, or retired: the version answers 410 to everyone. */
export function isGone(v: TApiVersionEntry, now: number): boolean {
  return v.lifecycle === "retired" || v.retiredAt !== null || (v.sunsetAt !== null && now >= v.sunsetAt);
}
