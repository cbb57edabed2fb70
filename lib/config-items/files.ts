import YAML from "yaml";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { ZEnvironmentFile, type TEnvironmentFile } from "@/lib/validation/environments";
import type { TConfigKind } from "./kind";

// The files of an exported configuration directory: <kind>s/<key>.yaml per config item and environment.yaml.
// Pure: the CLI reads and writes the directory, the service plans and applies what these parse.

export type TConfigFile = { path: string; content: string };
export const ENVIRONMENT_FILE = "environment.yaml";

/** Keys in this order first (a flow reads top-down: what it is, where messages come from, what it does). */
const KEY_ORDER = [
  "name",
  "description",
  "spec",
  "input",
  "steps",
  "outputs",
  "policy",
  "id",
  "use",
  "when",
  "config",
  "retry",
];
const rank = (k: string) => {
  const i = KEY_ORDER.indexOf(k);
  return i === -1 ? KEY_ORDER.length : i;
};

/** A deep copy with keys in a stable order (known keys first, the rest alphabetical), so exports never churn. */
export function stableOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stableOrder);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, stableOrder(v)]));
}

const yamlText = (value: unknown) => YAML.stringify(stableOrder(value), { lineWidth: 0, aliasDuplicateObjects: false });

export function serializeItemFile(
  meta: { kind: string; version: number; contentHash: string },
  document: unknown,
): string {
  return `# kind: ${meta.kind}\n# version: ${meta.version}\n# hash: sha256:${meta.contentHash}\n${yamlText(document)}`;
}

export function serializeEnvironmentFile(file: TEnvironmentFile): string {
  return `# Variables and secret references of ${file.environment}; a secret is where its value lives, never the value.\n${yamlText(file)}`;
}

export type TParsedItem = { kind: string; key: string; path: string; document: unknown };
export type TParsedFiles = {
  items: TParsedItem[];
  environment: { path: string; file: TEnvironmentFile } | null;
};

/** One line naming the file, the field and the problem: "flows/orders.yaml: spec.steps.1.config.url: Invalid URL". */
export class ConfigFileError extends AppError {
  constructor(path: string, field: string | null, problem: string) {
    super("VALIDATION", `${path}: ${field ? `${field}: ` : ""}${problem}`);
  }
}

function parseYaml(path: string, content: string): unknown {
  try {
    return YAML.parse(content, { maxAliasCount: 100 });
  } catch (error) {
    const text = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigFileError(path, null, `not valid YAML (${text})`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, path: string, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigFileError(path, issue.path.length ? issue.path.join(".") : null, issue.message);
}

/**
 * Parses and checks every file before anything is applied; the first problem throws ConfigFileError.
 * Files that are not YAML (a README) are ignored; a YAML file outside a known kind's folder is an error,
 * so a typo in a folder name is not silently skipped.
 */
export function parseConfigFiles(files: TConfigFile[], kinds: readonly TConfigKind<unknown>[]): TParsedFiles {
  const out: TParsedFiles = { items: [], environment: null };
  const byFolder = new Map(kinds.map((k) => [`${k.kind}s`, k]));
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  for (const file of sorted) {
    const path = file.path.split("\\").join("/");
    if (!/\.ya?ml$/i.test(path)) continue;
    if (path === ENVIRONMENT_FILE) {
      out.environment = { path, file: parseWith(ZEnvironmentFile, path, parseYaml(path, file.content)) };
      continue;
    }
    // An API version's key holds a slash (orders/v1), so its file is apis/orders/v1.yaml.
    const match = /^([^/]+)\/(.+)\.ya?ml$/i.exec(path);
    const kind = match ? byFolder.get(match[1]!) : undefined;
    if (!match || !kind)
      throw new ConfigFileError(
        path,
        null,
        `not a config file (expected ${[...byFolder.keys()].map((f) => `${f}/<name>.yaml`).join(", ")} or ${ENVIRONMENT_FILE})`,
      );
    const key = match[2]!;
    const document = parseWith(kind.documentSchema, path, parseYaml(path, file.content));
    const name = (document as { name?: unknown }).name;
    if (typeof name === "string" && name !== key)
      throw new ConfigFileError(
        path,
        "name",
        `"${name}" does not match the file name; rename the file to ${match[1]}/${name}.yaml`,
      );
    if (out.items.some((i) => i.kind === kind.kind && i.key === key))
      throw new ConfigFileError(path, null, `a second file for ${kind.kind} "${key}"`);
    out.items.push({ kind: kind.kind, key, path, document });
  }
  return out;
}
