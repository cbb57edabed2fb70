// What a flow spec says it talks to: its input, its outputs and the steps that call out (enrich_http).
// Read from the stored JSON without the full zod parse, so hundreds of specs load quickly; anything
// unexpected is skipped rather than failing the whole catalog.
import { normalizeHttpEndpoint } from "@/lib/catalog/endpoints";
import { inputEndpoint, outputEndpoint } from "@/lib/engine/runtime/observed-endpoints";

export type TDeclaredEndpoint = {
  direction: "inbound" | "outbound";
  /** http | queue | postgres | file */
  endpointKind: string;
  /** Normalized like the engine's observed endpoints: an http URL, a queue name or "topic/<name>". */
  endpoint: string;
  /** For people: "http output crm", "queue input", "enrich_http step lookup". */
  via: string;
  /** An HTTP input: its callers depend on the flow as much as it depends on them. */
  isCallable: boolean;
  /** An enrich_http step: the engine records its calls as outbound, yet the flow reads from that system. */
  isLookup?: boolean;
};

type TComponent = { id?: unknown; use?: unknown; config?: unknown };
const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const asString = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** A URL with ${vars.X} placeholders still names its host when the placeholder sits in the path. */
function httpEndpoint(raw: unknown): string | null {
  const url = asString(raw);
  if (!url) return null;
  const hostEnd = url.indexOf("/", url.indexOf("//") + 2);
  if ((hostEnd < 0 ? url : url.slice(0, hostEnd)).includes("${")) return null;
  return normalizeHttpEndpoint(url.replace(/\$\{[^}]*\}/g, "x"));
}

/** enrich_http takes a JSONata expression: its leading string literal is usually the base URL. */
function literalUrlPrefix(expression: unknown): string | null {
  const match = /^\s*(["'])(https?:\/\/[^"']+)\1/.exec(asString(expression) ?? "");
  return match ? normalizeHttpEndpoint(match[2]!) : null;
}

function inputOf(input: TComponent, engineDatabaseUrl?: string): TDeclaredEndpoint | null {
  const use = asString(input.use);
  const config = asObject(input.config);
  if (!use) return null;
  if (use === "http") {
    const path = asString(config.path);
    return path
      ? { direction: "inbound", endpointKind: "http", endpoint: path, via: "http input", isCallable: true }
      : null;
  }
  // Named as the engine names what it observes, so declared and observed rows meet on the same endpoint
  // (a queue subscribed to a topic reads topic/<name>, which its publishers write).
  const e = inputEndpoint({ use, config }, engineDatabaseUrl);
  return e
    ? {
        direction: "inbound",
        endpointKind: e.endpointKind,
        endpoint: e.endpoint,
        via: `${use} input`,
        isCallable: false,
      }
    : null;
}

function outputOf(output: TComponent, engineDatabaseUrl?: string): TDeclaredEndpoint | null {
  const use = asString(output.use);
  if (!use) return null;
  const config = asObject(output.config);
  const e =
    use === "http"
      ? (() => {
          const endpoint = httpEndpoint(config.url);
          return endpoint ? { endpointKind: "http" as const, endpoint } : null;
        })()
      : outputEndpoint({ use, config }, engineDatabaseUrl);
  if (!e) return null;
  const label = use === "postgres_upsert" ? "postgres" : use;
  return {
    direction: "outbound",
    endpointKind: e.endpointKind,
    endpoint: e.endpoint,
    via: `${label} output ${asString(output.id) ?? ""}`.trim(),
    isCallable: false,
  };
}

export function declaredEndpoints(spec: unknown, engineDatabaseUrl?: string): TDeclaredEndpoint[] {
  const s = asObject(spec);
  const out: TDeclaredEndpoint[] = [];
  const input = inputOf(asObject(s.input), engineDatabaseUrl);
  if (input) out.push(input);
  for (const step of Array.isArray(s.steps) ? (s.steps as TComponent[]) : []) {
    if (asObject(step).use !== "enrich_http") continue;
    const endpoint = literalUrlPrefix(asObject(step.config).url);
    // A lookup reads from the system: the flow depends on it, as on a source.
    if (endpoint)
      out.push({
        direction: "inbound",
        endpointKind: "http",
        endpoint,
        via: `enrich_http step ${asString(step.id) ?? ""}`.trim(),
        isCallable: false,
        isLookup: true,
      });
  }
  for (const output of Array.isArray(s.outputs) ? (s.outputs as TComponent[]) : []) {
    const endpoint = outputOf(asObject(output), engineDatabaseUrl);
    if (endpoint) out.push(endpoint);
  }
  return out;
}

/** The engine may prefix a queue endpoint with its transport ("postgres:orders"); the catalog keys by name. */
export function queueKey(endpoint: string): string {
  return endpoint.replace(/^(postgres|rabbitmq|memory):/, "");
}
