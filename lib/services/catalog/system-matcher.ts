// Matching endpoints and callers to systems for a whole graph at once. Same answers as
// matchEndpointSystem / matchCallerSystem (lib/catalog/endpoints.ts), but each system's prefixes are
// normalized once and looked up by the endpoint's own path prefixes, instead of parsing every
// system's URLs for every endpoint (which dominated building a 500-node graph).
import { normalizeHttpEndpoint, type TSystemEndpoints } from "@/lib/catalog/endpoints";

export type TSystemMatcher<T> = { byEndpoint(endpoint: string): T | null; byCaller(caller: string): T | null };

export function systemMatcher<T extends TSystemEndpoints>(systems: T[]): TSystemMatcher<T> {
  const prefixes = new Map<string, T>();
  const callers = new Map<string, T>();
  for (const system of systems) {
    for (const raw of system.endpoints) {
      const prefix = normalizeHttpEndpoint(raw);
      // The first system to declare a prefix keeps it, as the scan in matchEndpointSystem does.
      if (prefix && !prefixes.has(prefix)) prefixes.set(prefix, system);
    }
    for (const id of system.callerIds) if (!callers.has(id.toLowerCase())) callers.set(id.toLowerCase(), system);
  }
  const cache = new Map<string, T | null>();
  return {
    byEndpoint(endpoint) {
      const hit = cache.get(endpoint);
      if (hit !== undefined) return hit;
      let found: T | null = null;
      // endpoint, then each shorter path prefix down to scheme://host: longest match first.
      const pathStart = endpoint.indexOf("/", endpoint.indexOf("//") + 2);
      for (let candidate = endpoint; ;) {
        const system = prefixes.get(candidate);
        if (system) {
          found = system;
          break;
        }
        const cut = candidate.lastIndexOf("/");
        if (pathStart < 0 || cut < pathStart) break;
        candidate = candidate.slice(0, cut);
      }
      cache.set(endpoint, found);
      return found;
    },
    byCaller: (caller) => callers.get(caller.toLowerCase()) ?? null,
  };
}
