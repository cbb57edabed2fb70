// What a flow spec says it talks to: its input, its outputs and the steps that call out (enrich_http).
// Read from the stored JSON without the full zod parse, so hundreds of specs load quickly; anything
// unexpected is skipped rather than failing the whole catalog.
import { normalizeHttpEndpoint } from "@/lib/catalog/endpoints";

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
  /** A queue input subscribed to a topic: the topic feeds the queue. */
  topic?: string;
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

function postgresEndpoint(config: Record<string, unknown>): string {
  let host = "engine";
  const conn = asString(config.connectionString);
  if (conn && !conn.includes("${")) {
    try {
      host = new URL(conn).host || host;
    } catch {
      // an unparsable connection string still names a table
    }
  }
  const table = asString(config.table);
  return table ? `${host}/${asString(config.schema) ?? "public"}.${table}` : host;
}

function inputEndpoint(input: TComponent): TDeclaredEndpoint | null {
  const config = asObject(input.config);
  switch (input.use) {
    case "http": {
      const path = asString(config.path);
      return path
        ? { direction: "inbound", endpointKind: "http", endpoint: path, via: "http input", isCallable: true }
        : null;
    }
    case "poll_http": {
      const endpoint = httpEndpoint(config.url);
      return endpoint
        ? { direction: "inbound", endpointKind: "http", endpoint, via: "poll_http input", isCallable: false }
        : null;
    }
    case "queue": {
      const queue = asString(config.queue);
      if (!queue) return null;
      const topic = asString(config.topic);
      return {
        direction: "inbound",
        endpointKind: "queue",
        endpoint: queue,
        via: "queue input",
        isCallable: false,
        ...(topic ? { topic: `topic/${topic}` } : {}),
      };
    }
    case "poll_sql":
      return {
        direction: "inbound",
        endpointKind: "postgres",
        endpoint: postgresEndpoint(config),
        via: "poll_sql input",
        isCallable: false,
      };
    default:
      return null;
  }
}

function outputEndpoint(output: TComponent): TDeclaredEndpoint | null {
  const config = asObject(output.config);
  const id = asString(output.id) ?? "";
  const base = { direction: "outbound" as const, isCallable: false };
  switch (output.use) {
    case "http": {
      const endpoint = httpEndpoint(config.url);
      return endpoint ? { ...base, endpointKind: "http", endpoint, via: `http output ${id}`.trim() } : null;
    }
    case "queue": {
      const topic = asString(config.topic);
      const queue = asString(config.queue);
      const endpoint = topic ? `topic/${topic}` : queue;
      return endpoint ? { ...base, endpointKind: "queue", endpoint, via: `queue output ${id}`.trim() } : null;
    }
    case "postgres_upsert":
      return {
        ...base,
        endpointKind: "postgres",
        endpoint: postgresEndpoint(config),
        via: `postgres output ${id}`.trim(),
      };
    case "file": {
      const directory = asString(config.directory);
      return directory ? { ...base, endpointKind: "file", endpoint: directory, via: `file output ${id}`.trim() } : null;
    }
    default:
      return null;
  }
}

export function declaredEndpoints(spec: unknown): TDeclaredEndpoint[] {
  const s = asObject(spec);
  const out: TDeclaredEndpoint[] = [];
  const input = inputEndpoint(asObject(s.input));
  if (input) out.push(input);
  for (const step of Array.isArray(s.steps) ? (s.steps as TComponent[]) : []) {
    if (asObject(step).use !== "enrich_http") continue;
    const endpoint = literalUrlPrefix(asObject(step.config).url);
    if (endpoint)
      out.push({
        direction: "inbound",
        endpointKind: "http",
        endpoint,
        via: `enrich_http step ${asString(step.id) ?? ""}`.trim(),
        isCallable: false,
      });
  }
  for (const output of Array.isArray(s.outputs) ? (s.outputs as TComponent[]) : []) {
    const endpoint = outputEndpoint(asObject(output));
    if (endpoint) out.push(endpoint);
  }
  return out;
}

/** The engine may prefix a queue endpoint with its transport ("postgres:orders"); the catalog keys by name. */
export function queueKey(endpoint: string): string {
  return endpoint.replace(/^(postgres|rabbitmq|memory):/, "");
}
