// How the runtime names the systems a deployment's input and outputs talk to, for the catalog's
// observed dependencies. The names follow lib/catalog/endpoints.ts, which matches them to systems:
//   http      normalizeHttpEndpoint(url): scheme://host[:port]/path, no credentials or query, ids as {id}
//   gateway   /flows/<flow>/<env> for every request the gateway took, whichever route it came in on
//   queue     the queue name, or topic/<topic> for a topic (publisher and subscribers then share it)
//   postgres  host[:port]/database/table (schema.table outside public), never the credentials
//   file      the absolute directory
import path from "node:path";
import { normalizeHttpEndpoint } from "@/lib/catalog/endpoints";
import type { TObservedEndpoint } from "@/lib/engine/core/contracts";

type TComponent = { use: string; config: Record<string, unknown> };

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** The route every gateway request into a flow is recorded under. */
export function gatewayEndpoint(flowName: string, environmentKey: string): string {
  return `/flows/${flowName}/${environmentKey}`;
}

/** host[:port]/database of a Postgres URL (default port dropped), without user or password. */
export function postgresDatabase(connectionString: string): string | null {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return null;
  }
  const host = url.host.toLowerCase().replace(/:5432$/, "") || "localhost";
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres";
  return `${host}/${database}`;
}

function postgresEndpoint(
  connectionString: string | undefined,
  engineDatabaseUrl: string | undefined,
  table: string,
): string | null {
  const url = connectionString ?? engineDatabaseUrl;
  const database = url ? postgresDatabase(url) : null;
  return database ? `${database}/${table}` : null;
}

function queueEndpoint(config: Record<string, unknown>): string | null {
  const topic = str(config.topic);
  return topic ? `topic/${topic}` : (str(config.queue) ?? null);
}

/** The first table a poll_sql query reads (FROM …), as schema.table outside public. */
function tableOfQuery(query: string): string | null {
  const m = /\bfrom\s+("?[A-Za-z_][\w$]*"?)(?:\s*\.\s*("?[A-Za-z_][\w$]*"?))?/i.exec(query);
  if (!m) return null;
  const unquote = (s: string) => s.replace(/^"|"$/g, "");
  if (!m[2]) return unquote(m[1]);
  const schema = unquote(m[1]);
  return schema === "public" ? unquote(m[2]) : `${schema}.${unquote(m[2])}`;
}

/** What a message read from the deployment's own input came from; null for inputs the gateway feeds (http). */
export function inputEndpoint(input: TComponent, engineDatabaseUrl?: string): TObservedEndpoint | null {
  const c = input.config;
  let endpoint: string | null = null;
  let endpointKind: TObservedEndpoint["endpointKind"] = "http";
  if (input.use === "poll_http") endpoint = str(c.url) ? normalizeHttpEndpoint(String(c.url)) : null;
  else if (input.use === "queue") {
    endpointKind = "queue";
    endpoint = queueEndpoint(c);
  } else if (input.use === "poll_sql") {
    endpointKind = "postgres";
    const table = str(c.query) ? tableOfQuery(String(c.query)) : null;
    endpoint = table ? postgresEndpoint(str(c.connectionString), engineDatabaseUrl, table) : null;
  }
  return endpoint ? { direction: "inbound", endpointKind, endpoint, caller: "" } : null;
}

/** Where an output delivers; null when its config does not say (then nothing is recorded for it). */
export function outputEndpoint(output: TComponent, engineDatabaseUrl?: string): TObservedEndpoint | null {
  const c = output.config;
  const make = (endpointKind: TObservedEndpoint["endpointKind"], endpoint: string | null): TObservedEndpoint | null =>
    endpoint ? { direction: "outbound", endpointKind, endpoint, caller: "" } : null;
  switch (output.use) {
    case "http":
      return make("http", str(c.url) ? normalizeHttpEndpoint(String(c.url)) : null);
    case "queue":
      return make("queue", queueEndpoint(c));
    case "postgres_upsert": {
      const table = str(c.table);
      if (!table) return null;
      const schema = str(c.schema) ?? "public";
      const qualified = schema === "public" ? table : `${schema}.${table}`;
      return make("postgres", postgresEndpoint(str(c.connectionString), engineDatabaseUrl, qualified));
    }
    case "file":
      return make("file", str(c.directory) ? path.resolve(String(c.directory).trim()) : null);
    default:
      return null;
  }
}
