import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { diffDocuments, type TFieldChange } from "@/lib/config-items/diff";
import type { TConfigKind } from "@/lib/config-items/kind";
import {
  ENVIRONMENT_FILE,
  parseConfigFiles,
  serializeEnvironmentFile,
  serializeItemFile,
  type TConfigFile,
} from "@/lib/config-items/files";
import { db, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { TEnvironmentFile } from "@/lib/validation/environments";
import { CONFIG_KINDS, configKind } from "../config-kinds";
import {
  deleteSecretReferenceTx,
  deleteVariableTx,
  environmentConfigTx,
  setSecretReferenceTx,
  setVariableTx,
  type EnvironmentConfigRow,
} from "../flows/environments";

// Configuration as code, in the manner of Kong decK: an environment's config items exported as one YAML
// file each (secrets only as ${secrets.NAME} references), a plan of what applying a directory would change,
// and an apply that deploys outside production and, for production, opens a change request for the CAB.

export type { TConfigFile };

export type TItemPlan = {
  kind: string;
  key: string;
  path: string;
  action: "create" | "update" | "unchanged";
  /** What the environment runs now (null when the item is new there). */
  current: { version: number; contentHash: string } | null;
  contentHash: string;
  changes: TFieldChange[];
};

/** A variable or secret reference change from environment.yaml (a secret's provider/reference, never a value). */
export type TSettingPlan = {
  type: "variable" | "secret";
  name: string;
  action: "create" | "update" | "delete";
  before: string | null;
  after: string | null;
};

export type TConfigPlan = {
  environment: { key: string; name: string; isProduction: boolean };
  items: TItemPlan[];
  settings: TSettingPlan[];
  /** environment.yaml names another environment: each keeps its own variables, so it is not applied. */
  skipped: { path: string; reason: string }[];
  /** Items plus settings that would change: 0 means no drift. */
  changeCount: number;
};

export type TApplyResult = TConfigPlan & {
  dryRun: boolean;
  versions: { kind: string; key: string; versionId: string; version: number; created: boolean }[];
  deployments: { kind: string; key: string; deploymentId: string; version: number }[];
  change: { id: string; number: number; status: string } | null;
};

export type TApplyOptions = {
  dryRun?: boolean;
  title?: string;
  description?: string;
  windowStart?: Date;
  windowHours?: number;
  rolloutPlan?: string;
  rollbackPlan?: string;
  now?: Date;
};

const folderOf = (kind: TConfigKind<unknown>) => `${kind.kind}s`;

/** Every config item the environment runs, one file each, and environment.yaml with its variables and secret references. */
export async function exportConfig(actor: Actor, envKey: string): Promise<TConfigFile[]> {
  assertCan(actor, "flow:read");
  return transaction(async (tx) => {
    const env = await environmentConfigTx(tx, envKey);
    const files: TConfigFile[] = [];
    for (const kind of CONFIG_KINDS) {
      for (const item of await kind.listDeployed(tx, env.id)) {
        // A version saved before secrets were refused may hold one: export nothing rather than write it.
        const check = kind.documentSchema.safeParse(item.document);
        if (!check.success) {
          const issue = check.error.issues[0]!;
          throw new AppError(
            "PRECONDITION_FAILED",
            `${kind.kind} ${item.key} v${item.version} in ${env.key} cannot be exported: ${issue.path.join(".")}: ${issue.message}. Save a corrected version and deploy it first.`,
          );
        }
        files.push({
          path: `${folderOf(kind)}/${item.key}.yaml`,
          content: serializeItemFile(
            { kind: kind.kind, version: item.version, contentHash: item.contentHash },
            item.document,
          ),
        });
      }
    }
    files.push({ path: ENVIRONMENT_FILE, content: serializeEnvironmentFile(toEnvironmentFile(env)) });
    return files.sort((a, b) => a.path.localeCompare(b.path));
  });
}

function toEnvironmentFile(env: EnvironmentConfigRow): TEnvironmentFile {
  return {
    environment: env.key,
    variables: Object.fromEntries(env.variables.map((v) => [v.name, v.value])),
    secrets: Object.fromEntries(env.secrets.map((s) => [s.name, { provider: "env" as const, reference: s.reference }])),
  };
}

function settingsPlan(env: EnvironmentConfigRow, file: TEnvironmentFile): TSettingPlan[] {
  const out: TSettingPlan[] = [];
  const vars = new Map(env.variables.map((v) => [v.name, v.value]));
  for (const [name, value] of Object.entries(file.variables)) {
    const before = vars.get(name);
    if (before === value) continue;
    out.push({
      type: "variable",
      name,
      action: before === undefined ? "create" : "update",
      before: before ?? null,
      after: value,
    });
  }
  for (const [name, before] of vars)
    if (!(name in file.variables)) out.push({ type: "variable", name, action: "delete", before, after: null });
  const where = (s: { provider: string; reference: string }) => `${s.provider}:${s.reference}`;
  const secrets = new Map(env.secrets.map((s) => [s.name, where(s)]));
  for (const [name, ref] of Object.entries(file.secrets)) {
    const before = secrets.get(name);
    if (before === where(ref)) continue;
    out.push({
      type: "secret",
      name,
      action: before === undefined ? "create" : "update",
      before: before ?? null,
      after: where(ref),
    });
  }
  for (const [name, before] of secrets)
    if (!(name in file.secrets)) out.push({ type: "secret", name, action: "delete", before, after: null });
  return out.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

async function planTx(
  tx: Tx,
  files: TConfigFile[],
  envKey: string,
): Promise<TConfigPlan & { parsed: ReturnType<typeof parseConfigFiles> }> {
  // Every file is parsed and checked before anything is read or written: a bad file fails the whole run.
  const parsed = parseConfigFiles(files, CONFIG_KINDS);
  const env = await environmentConfigTx(tx, envKey);
  const items: TItemPlan[] = [];
  for (const kind of CONFIG_KINDS) {
    const deployed = new Map((await kind.listDeployed(tx, env.id)).map((d) => [d.key, d]));
    for (const item of parsed.items.filter((i) => i.kind === kind.kind)) {
      const contentHash = kind.hash(item.document);
      const current = deployed.get(item.key);
      const action = !current ? "create" : current.contentHash === contentHash ? "unchanged" : "update";
      items.push({
        kind: kind.kind,
        key: item.key,
        path: item.path,
        action,
        current: current ? { version: current.version, contentHash: current.contentHash } : null,
        contentHash,
        changes: action === "unchanged" ? [] : diffDocuments(current?.document ?? null, item.document),
      });
    }
  }
  const skipped: TConfigPlan["skipped"] = [];
  let settings: TSettingPlan[] = [];
  if (parsed.environment) {
    if (parsed.environment.file.environment === env.key) settings = settingsPlan(env, parsed.environment.file);
    else
      skipped.push({
        path: parsed.environment.path,
        reason: `it describes ${parsed.environment.file.environment}, not ${env.key}: each environment keeps its own variables and secret references`,
      });
  }
  const changeCount = items.filter((i) => i.action !== "unchanged").length + settings.length;
  return {
    environment: { key: env.key, name: env.name, isProduction: env.isProduction },
    items,
    settings,
    skipped,
    changeCount,
    parsed,
  };
}

/** What applying the files to the environment would change, item by item and field by field. */
export async function planApply(actor: Actor, files: TConfigFile[], envKey: string): Promise<TConfigPlan> {
  assertCan(actor, "flow:read");
  const { parsed: _parsed, ...plan } = await transaction((tx) => planTx(tx, files, envKey));
  return plan;
}

/** Thrown to roll a dry run back after it did everything a real apply does. */
class DryRunRollback extends Error {
  constructor(readonly result: TApplyResult) {
    super("dry run");
  }
}

async function applySettingsTx(tx: Tx, actor: Actor, envKey: string, settings: TSettingPlan[], file: TEnvironmentFile) {
  for (const s of settings) {
    const base = { environmentKey: envKey, name: s.name };
    if (s.type === "variable") {
      if (s.action === "delete") await deleteVariableTx(tx, actor, base);
      else await setVariableTx(tx, actor, { ...base, value: file.variables[s.name]! });
    } else if (s.action === "delete") await deleteSecretReferenceTx(tx, actor, base);
    else await setSecretReferenceTx(tx, actor, { ...base, ...file.secrets[s.name]! });
  }
}

/**
 * Applies the files in one transaction. Outside production each changed item gets its version (created
 * when no version has that content) and is deployed. Production deploys nothing: the versions go into one
 * change request for the CAB, after the same promotion check a deploy makes. A dry run does all of it
 * (so it reports exactly what would happen, promotion refusals included) and rolls back; in production it
 * opens no change.
 */
export async function applyConfig(
  actor: Actor,
  files: TConfigFile[],
  envKey: string,
  options: TApplyOptions = {},
): Promise<TApplyResult> {
  assertCan(actor, "flow:edit");
  const now = options.now ?? new Date();
  try {
    return await transaction(async (tx) => {
      const { parsed, ...plan } = await planTx(tx, files, envKey);
      const env = await environmentConfigTx(tx, envKey);
      const result: TApplyResult = {
        ...plan,
        dryRun: Boolean(options.dryRun),
        versions: [],
        deployments: [],
        change: null,
      };
      const changed = plan.items.filter((i) => i.action !== "unchanged");
      for (const item of changed) {
        const kind = configKind(item.kind);
        const doc = parsed.items.find((p) => p.kind === item.kind && p.key === item.key)!.document;
        const version = await kind.ensureVersion(tx, actor, item.key, doc);
        result.versions.push({
          kind: item.kind,
          key: item.key,
          versionId: version.versionId,
          version: version.version,
          created: version.created,
        });
        if (env.isProduction) {
          await kind.assertPromoted(tx, version.versionId, env.id);
        } else {
          const deployed = await kind.deploy(tx, actor, { versionId: version.versionId, environmentId: env.id });
          result.deployments.push({
            kind: item.kind,
            key: item.key,
            deploymentId: deployed.deploymentId,
            version: version.version,
          });
        }
      }
      if (plan.settings.length && parsed.environment)
        await applySettingsTx(tx, actor, env.key, plan.settings, parsed.environment.file);
      if (env.isProduction && changed.length) assertCan(actor, "change:request");
      if (env.isProduction && changed.length && !options.dryRun) {
        const windowStart = options.windowStart ?? now;
        const hours = options.windowHours ?? 4;
        const list = result.versions.map((v) => `${v.key} v${v.version}`).join(", ");
        // Loaded on first use: export, diff and apply outside production need none of the CAB's machinery.
        const { openChangeRequestTx } = await import("./requests");
        result.change = await openChangeRequestTx(
          tx,
          actor,
          {
            title: options.title ?? `Deploy ${list} to ${env.key}`,
            description:
              options.description ?? `Opened by switchboard config apply for ${changed.length} config item(s).`,
            type: "normal",
            environmentKey: env.key,
            windowStart,
            windowEnd: new Date(windowStart.getTime() + hours * 3_600_000),
            rolloutPlan:
              options.rolloutPlan ??
              `Activate ${list} in ${env.key}; watch error rate and dead letters for 30 minutes.`,
            rollbackPlan: options.rollbackPlan ?? `Roll ${env.key} back to the previously running versions.`,
            items: result.versions.map((v) => ({ kind: v.kind, versionId: v.versionId })),
          },
          "cli",
          now,
        );
      }
      if (options.dryRun) throw new DryRunRollback(result);
      return result;
    }, 60_000);
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    mapPrismaError(error, "configuration");
  }
}

/**
 * The CLI acts as a named, active user whose role permissions apply (a pipeline runs as its service
 * account). Unchecked by design: whoever can run the CLI already holds DATABASE_URL; what makes it safe is
 * that every write then runs through that user's permissions, audited under their email.
 */
export async function unsafeActorByEmail(email: string): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, isActive: true },
  });
  return user?.isActive ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
}
