// How the engine names what it talks to, and how the catalog maps those names back to inventory systems.
// Pure: the engine normalizes endpoints as it observes them; the catalog matches them to systems.

/** Path segments that are ids, not routes: numbers, UUIDs, long hex or mixed tokens. */
const ID_SEGMENT =
  /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|(?=.*\d)[A-Za-z0-9_-]{20,})$/i;

/**
 * scheme://host[:port]/path with no credentials, query or fragment, default ports dropped and id-like
 * segments folded to {id}, so /orders/1 and /orders/2 are one dependency rather than one row each.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function normalizeHttpEndpoint(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const segments = url.pathname
    .split("/")
    .filter(Boolean)
    .map((s) => (ID_SEGMENT.test(s) ? "{id}" : s));
  const path = segments.length ? `/${segments.join("/")}` : "";
  return `${url.protocol}//${url.host.toLowerCase()}${path}`;
}

type THeaders = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/**
 * Who called an HTTP input: the CloudEvents source a well-behaved caller sends (ce-source), else the
 * product token of its user agent ("erp-connector/2.1" → "erp-connector"), else its address.
 */
export function callerIdentity(headers: THeaders, remoteAddress: string | undefined): string {
  const source = first(headers["ce-source"]);
  if (source) return source.slice(0, 200);
  const agent = first(headers["user-agent"]);
  const product = agent?.split(/[\s/]/)[0];
  if (product) return product.slice(0, 200);
  const address = (remoteAddress ?? "").replace(/^::ffff:/, "");
  return address ? `ip:${address}` : "unknown";
}

export type TSystemEndpoints = { id: string; endpoints: string[]; callerIds: string[] };

/** The system whose declared URL prefix is the longest match for the endpoint, on a path boundary. */
export function matchEndpointSystem<T extends TSystemEndpoints>(endpoint: string, systems: T[]): T | null {
  let best: { system: T; length: number } | null = null;
  for (const system of systems) {
    for (const raw of system.endpoints) {
      const prefix = normalizeHttpEndpoint(raw);
      if (!prefix) continue;
      const isMatch = endpoint === prefix || endpoint.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`);
      if (isMatch && (!best || prefix.length > best.length)) best = { system, length: prefix.length };
    }
  }
  return best?.system ?? null;
}

/** The system that declared this caller identity (compared case-insensitively). */
export function matchCallerSystem<T extends TSystemEndpoints>(caller: string, systems: T[]): T | null {
  const c = caller.toLowerCase();
  return systems.find((s) => s.callerIds.some((id) => id.toLowerCase() === c)) ?? null;
}
