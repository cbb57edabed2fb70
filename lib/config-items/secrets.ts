// Secrets never live in configuration: a secret-bearing field holds a ${secrets.NAME} reference that the
// engine resolves from the environment's secret references at activation, never a literal value.

/** Keys that carry credentials, wherever they appear in a component's config or headers. */
export const SECRET_KEY = /password|secret|token|api[-_]?key|authorization|credential/i;

/** A whole value that is exactly one secret reference. */
export const SECRET_REFERENCE = /^\$\{secrets\.[A-Za-z_][A-Za-z0-9_]*\}$/;

/** What may surround a reference in a secret-bearing value: an HTTP auth scheme ("Bearer ${secrets.TOKEN}"). */
const AUTH_SCHEME = /^\s*(?:bearer|basic|token|apikey)?\s*$/i;

/** Any ${vars.NAME} or ${secrets.NAME} reference inside a string. */
export const CONFIG_REFERENCE = /\$\{(vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type TSecretIssue = { path: string; message: string };

/**
 * Every literal value under a secret-bearing key, with its dotted path ("steps.1.config.headers.Authorization").
 * Empty strings, null and booleans carry no secret (a `tokenRequired: true` flag is fine); strings must be
 * one ${secrets.NAME} reference; numbers and nested objects under such a key are walked or flagged.
 */
export function findLiteralSecrets(value: unknown, path: string[] = []): TSecretIssue[] {
  const issues: TSecretIssue[] = [];
  walk(value, path, false, issues);
  return issues;
}

function walk(value: unknown, path: string[], isSecretField: boolean, issues: TSecretIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, String(i)], isSecretField, issues));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      walk(v, [...path, k], isSecretField || SECRET_KEY.test(k), issues);
    return;
  }
  if (!isSecretField) return;
  if (typeof value === "string") {
    if (value === "" || isSecretReferenceValue(value)) return;
    issues.push({
      path: path.join("."),
      message: "a secret-bearing field must be a ${secrets.NAME} reference, not a literal value",
    });
  } else if (typeof value === "number") {
    issues.push({
      path: path.join("."),
      message: "a secret-bearing field must be a ${secrets.NAME} reference, not a literal value",
    });
  }
}

/** One ${secrets.NAME} reference, alone or after an HTTP auth scheme. */
export function isSecretReferenceValue(value: string): boolean {
  const refs = [...value.matchAll(/\$\{secrets\.[A-Za-z_][A-Za-z0-9_]*\}/g)];
  if (refs.length !== 1) return false;
  return AUTH_SCHEME.test(value.replace(refs[0]![0], ""));
}

/** The secret-bearing fields of a flow spec live in its components' configs (headers included). */
export function findFlowSpecSecrets(spec: {
  input: { config?: unknown };
  steps: { config?: unknown }[];
  outputs: { config?: unknown }[];
}): TSecretIssue[] {
  return [
    ...findLiteralSecrets(spec.input.config, ["input", "config"]),
    ...spec.steps.flatMap((s, i) => findLiteralSecrets(s.config, ["steps", String(i), "config"])),
    ...spec.outputs.flatMap((o, i) => findLiteralSecrets(o.config, ["outputs", String(i), "config"])),
  ];
}

/** The names a document refers to, so a plan can say which variables and secrets an environment lacks. */
export function configReferences(value: unknown): { vars: string[]; secrets: string[] } {
  const vars = new Set<string>();
  const secrets = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(CONFIG_REFERENCE)) (m[1] === "vars" ? vars : secrets).add(m[2]!);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(value);
  return { vars: [...vars].sort(), secrets: [...secrets].sort() };
}
