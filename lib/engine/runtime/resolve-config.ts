import type pg from "pg";
import { readEnvSecret } from "@/lib/env";

// ${vars.NAME} and ${secrets.NAME} inside any string of a spec. Names as in shell variables.
const PLACEHOLDER = /\$\{(vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type TConfigValues = { vars: ReadonlyMap<string, string>; secrets: ReadonlyMap<string, string> };

export type TResolved<T> = { ok: true; value: T } | { ok: false; missingVars: string[]; missingSecrets: string[] };

/** The variable and secret names a spec refers to, each once, in order of first use. */
export function placeholdersOf(value: unknown): { vars: string[]; secrets: string[] } {
  const vars = new Set<string>();
  const secrets = new Set<string>();
  walk(value, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) (m[1] === "vars" ? vars : secrets).add(m[2]);
    return s;
  });
  return { vars: [...vars], secrets: [...secrets] };
}

/**
 * Replaces every placeholder in every string of `value` (a new value; the input is untouched). Any
 * missing name fails the whole resolution, so a flow never runs with a half-filled config.
 */
export function resolvePlaceholders<T>(value: T, values: TConfigValues): TResolved<T> {
  const missingVars = new Set<string>();
  const missingSecrets = new Set<string>();
  const out = walk(value, (s) =>
    s.replace(PLACEHOLDER, (whole, scope: string, name: string) => {
      const found = (scope === "vars" ? values.vars : values.secrets).get(name);
      if (found === undefined) {
        (scope === "vars" ? missingVars : missingSecrets).add(name);
        return whole;
      }
      return found;
    }),
  );
  if (missingVars.size || missingSecrets.size)
    return { ok: false, missingVars: [...missingVars], missingSecrets: [...missingSecrets] };
  return { ok: true, value: out as T };
}

function walk(value: unknown, onString: (s: string) => string): unknown {
  if (typeof value === "string") return onString(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, onString));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, onString)]));
  return value;
}

/** The refusal for what could not be resolved: names only, never a value. */
export function missingConfigReason(
  r: { missingVars: string[]; missingSecrets: string[] },
  environmentKey: string,
  unreadable: string[] = [],
): string {
  const parts: string[] = [];
  if (r.missingVars.length)
    parts.push(
      `variable${r.missingVars.length > 1 ? "s" : ""} ${r.missingVars.join(", ")} not set in ${environmentKey}`,
    );
  if (r.missingSecrets.length)
    parts.push(
      `secret${r.missingSecrets.length > 1 ? "s" : ""} ${r.missingSecrets.join(", ")} ${unreadable.length ? "unavailable" : "not referenced"} in ${environmentKey}`,
    );
  return `cannot resolve the flow's configuration: ${parts.join("; ")}${unreadable.length ? ` (${unreadable.join("; ")})` : ""}`;
}

/**
 * Resolves a spec's placeholders for one environment at activation: variables from
 * EnvironmentVariable, secrets from where each SecretReference points (provider "env": a variable of
 * the engine's own process environment). Only the names the spec uses are read. The version's hash is
 * of the unresolved spec, so one version promotes unchanged across environments. Resolved values are
 * never logged or written anywhere; a refusal names what is missing.
 */
export async function resolveSpecConfig<T>(
  pool: pg.Pool,
  spec: T,
  environmentId: string,
  environmentKey: string,
): Promise<{ ok: true; spec: T } | { ok: false; reason: string }> {
  const used = placeholdersOf(spec);
  if (!used.vars.length && !used.secrets.length) return { ok: true, spec };
  const [vars, refs] = await Promise.all([
    pool.query<{ name: string; value: string }>(
      `SELECT "name", "value" FROM "EnvironmentVariable" WHERE "environmentId" = $1 AND "name" = ANY($2::text[])`,
      [environmentId, used.vars],
    ),
    pool.query<{ name: string; provider: string; reference: string }>(
      `SELECT "name", "provider", "reference" FROM "SecretReference" WHERE "environmentId" = $1 AND "name" = ANY($2::text[])`,
      [environmentId, used.secrets],
    ),
  ]);
  const secrets = new Map<string, string>();
  const unreadable: string[] = [];
  for (const ref of refs.rows) {
    if (ref.provider !== "env") {
      unreadable.push(`${ref.name}: provider ${ref.provider} is not supported by this engine`);
      continue;
    }
    const value = readEnvSecret(ref.reference);
    if (value === undefined) unreadable.push(`${ref.name}: the engine's environment has no ${ref.reference}`);
    else secrets.set(ref.name, value);
  }
  const r = resolvePlaceholders(spec, { vars: new Map(vars.rows.map((v) => [v.name, v.value])), secrets });
  if (r.ok) return { ok: true, spec: r.value };
  return { ok: false, reason: missingConfigReason(r, environmentKey, unreadable) };
}
