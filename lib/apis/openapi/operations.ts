import { dereference, sourcePointer } from "./deref";
import { joinPointer } from "./pointer";

export const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
export type THttpMethod = (typeof HTTP_METHODS)[number];
export type TParameterLocation = "path" | "query" | "header" | "cookie";

export type TOperationParameter = {
  name: string;
  in: TParameterLocation;
  required: boolean;
  schema: unknown;
  description?: string;
  style?: string;
  explode?: boolean;
  deprecated?: boolean;
  /** Where the parameter is defined: `parameters/<i>` of the operation or path item, or the component it refers to. */
  pointer: string;
};

export type TMediaContent = Record<string, { schema?: unknown }>;

export type TOperation = {
  method: THttpMethod;
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  parameters: TOperationParameter[];
  requestBody?: { required: boolean; content: TMediaContent; pointer: string };
  responses: Record<
    string,
    { description: string; content?: TMediaContent; headers?: Record<string, unknown>; pointer: string }
  >;
  security?: Record<string, string[]>[];
  /** The operation's JSON pointer, e.g. "/paths/~1orders~1{id}/get". */
  pointer: string;
};

type TRecord = Record<string, unknown>;
const isRecord = (v: unknown): v is TRecord => !!v && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const LOCATIONS = new Set(["path", "query", "header", "cookie"]);

function parameters(list: unknown, pointer: string): TOperationParameter[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((p, i): TOperationParameter[] => {
    if (!isRecord(p) || typeof p.name !== "string" || !LOCATIONS.has(String(p.in))) return [];
    // A parameter described with `content` (one media type) carries its schema there.
    const contentSchema = isRecord(p.content) ? Object.values(p.content).find(isRecord)?.schema : undefined;
    return [
      {
        name: p.name,
        in: p.in as TParameterLocation,
        required: p.in === "path" ? true : p.required === true,
        schema: p.schema ?? contentSchema ?? {},
        description: str(p.description),
        style: str(p.style),
        explode: typeof p.explode === "boolean" ? p.explode : undefined,
        deprecated: p.deprecated === true ? true : undefined,
        pointer: sourcePointer(p) ?? joinPointer(pointer, i),
      },
    ];
  });
}

function content(value: unknown): TMediaContent | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).map(([type, media]) => [type, { schema: isRecord(media) ? media.schema : undefined }]),
  );
}

/**
 * Every operation of the document, with path-level parameters merged under operation-level ones
 * (same name and location: the operation's wins). References are resolved first.
 */
export function listOperations(doc: TRecord): TOperation[] {
  const resolved = dereference(doc);
  const paths = isRecord(resolved.paths) ? resolved.paths : {};
  const out: TOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item) || !path.startsWith("/")) continue;
    const itemPointer = joinPointer("/paths", path);
    const shared = parameters(item.parameters, joinPointer(itemPointer, "parameters"));
    for (const method of HTTP_METHODS) {
      const op = item[method.toLowerCase()];
      if (!isRecord(op)) continue;
      const pointer = joinPointer(itemPointer, method.toLowerCase());
      const own = parameters(op.parameters, joinPointer(pointer, "parameters"));
      const key = (p: TOperationParameter) => `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
      const ownKeys = new Set(own.map(key));
      const body = isRecord(op.requestBody) ? op.requestBody : undefined;
      const responses: TOperation["responses"] = {};
      for (const [status, response] of Object.entries(isRecord(op.responses) ? op.responses : {})) {
        if (!isRecord(response)) continue;
        responses[status] = {
          description: str(response.description) ?? "",
          content: content(response.content),
          headers: isRecord(response.headers) ? response.headers : undefined,
          pointer: sourcePointer(response) ?? joinPointer(pointer, "responses", status),
        };
      }
      const security = Array.isArray(op.security)
        ? op.security
        : Array.isArray(resolved.security)
          ? resolved.security
          : undefined;
      out.push({
        method,
        path,
        operationId: str(op.operationId),
        summary: str(op.summary) ?? str(item.summary),
        description: str(op.description) ?? str(item.description),
        tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [],
        deprecated: op.deprecated === true,
        parameters: [...shared.filter((p) => !ownKeys.has(key(p))), ...own],
        requestBody: body
          ? {
              required: body.required === true,
              content: content(body.content) ?? {},
              pointer: sourcePointer(body) ?? joinPointer(pointer, "requestBody"),
            }
          : undefined,
        responses,
        security: security as TOperation["security"],
        pointer,
      });
    }
  }
  return out;
}

/** The analytics and diff label of an operation: "GET /orders/{id}". */
export function operationLabel(op: Pick<TOperation, "method" | "path">): string {
  return `${op.method} ${op.path}`;
}

type TSegment = { literal: string } | { pattern: RegExp; names: string[] };

const compiled = new WeakMap<TOperation, TSegment[]>();

function segmentsOf(op: TOperation): TSegment[] {
  const cached = compiled.get(op);
  if (cached) return cached;
  const segments = splitPath(op.path).map((segment): TSegment => {
    if (!segment.includes("{")) return { literal: segment };
    const names: string[] = [];
    const source = segment
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(m[1]);
        return "([^/]+?)";
      })
      .join("");
    return { pattern: new RegExp(`^${source}$`), names };
  });
  compiled.set(op, segments);
  return segments;
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? [] : trimmed.slice(1).split("/");
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The operation a request is for, with its path parameters (percent-decoded). A literal segment beats
 * a templated one at the first place they differ, so `/orders/export` wins over `/orders/{id}`.
 */
export function matchOperation(
  ops: TOperation[],
  method: string,
  path: string,
): { op: TOperation; pathParams: Record<string, string> } | null {
  const wanted = method.toUpperCase();
  const parts = splitPath(path.split("?")[0]);
  let best: { op: TOperation; pathParams: Record<string, string>; score: string } | null = null;
  for (const op of ops) {
    if (op.method !== wanted) continue;
    const segments = segmentsOf(op);
    if (segments.length !== parts.length) continue;
    const pathParams: Record<string, string> = {};
    let score = "";
    let matched = true;
    for (let i = 0; i < segments.length && matched; i++) {
      const segment = segments[i];
      if ("literal" in segment) {
        matched = segment.literal === parts[i] || segment.literal === decode(parts[i]);
        score += "1";
      } else {
        const m = segment.pattern.exec(parts[i]);
        if (!m) matched = false;
        else segment.names.forEach((name, j) => (pathParams[name] = decode(m[j + 1])));
        score += "0";
      }
    }
    if (matched && (!best || score > best.score)) best = { op, pathParams, score };
  }
  return best ? { op: best.op, pathParams: best.pathParams } : null;
}
