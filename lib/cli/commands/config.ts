import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Option, type Command } from "commander";
import type { Actor } from "@/lib/auth/actor";
import type { TFieldChange } from "@/lib/config-items/diff";
import {
  applyConfig,
  exportConfig,
  planApply,
  unsafeActorByEmail,
  type TConfigFile,
  type TConfigPlan,
} from "@/lib/services/changes/config-sync";
import { printJson, requireDatabaseUrl } from "../context";
import { CliError, EXIT } from "../errors";
import { setExitCode } from "../exit";

type TEnvOption = { env: string; json?: boolean };
type TApplyOptions = TEnvOption & {
  as?: string;
  dryRun?: boolean;
  windowStart?: string;
  windowHours?: string;
  title?: string;
  rolloutPlan?: string;
  rollbackPlan?: string;
};

async function readDir(dir: string): Promise<TConfigFile[]> {
  const root = path.resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new CliError(EXIT.BAD_INPUT, `${dir}: cannot read the directory (${error.code ?? error.message}).`);
    },
  );
  const files: TConfigFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    files.push({ path: path.relative(root, full).split(path.sep).join("/"), content: await readFile(full, "utf8") });
  }
  return files;
}

/** Values are shown as JSON, cut short: a diff line stays one line. */
const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? "undefined";
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

function fieldLine(c: TFieldChange): string {
  if (c.kind === "added") return `      + ${c.path}: ${show(c.after)}`;
  if (c.kind === "removed") return `      - ${c.path}: ${show(c.before)}`;
  return `      ~ ${c.path}: ${show(c.before)} → ${show(c.after)}`;
}

function printPlan(plan: TConfigPlan): void {
  const out: string[] = [];
  for (const item of plan.items) {
    const from = item.current ? ` (runs v${item.current.version})` : "";
    out.push(`${item.action.padEnd(9)} ${item.kind} ${item.key}${item.action === "unchanged" ? "" : from}`);
    // An update lists every changed field; a new item is one line (its file is the whole story).
    if (item.action === "update") out.push(...item.changes.map(fieldLine));
  }
  for (const s of plan.settings) {
    const what = s.type === "variable" ? "variable" : "secret reference";
    const detail = s.action === "delete" ? "" : s.action === "create" ? `: ${s.after}` : `: ${s.before} → ${s.after}`;
    out.push(`${s.action.padEnd(9)} ${what} ${s.name}${detail}`);
  }
  for (const s of plan.skipped) out.push(`skipped   ${s.path}: ${s.reason}`);
  if (out.length) process.stdout.write(`${out.join("\n")}\n`);
}

function summary(plan: TConfigPlan): string {
  const count = (a: string) => plan.items.filter((i) => i.action === a).length;
  const settings = plan.settings.length ? `; ${plan.settings.length} environment setting(s) changed` : "";
  return `${count("create")} created, ${count("update")} updated, ${count("unchanged")} unchanged${settings}`;
}

async function cliActor(email: string | undefined): Promise<Actor> {
  if (!email)
    throw new CliError(
      EXIT.BAD_INPUT,
      "config apply acts as a user: pass --as EMAIL (or set SWITCHBOARD_USER) naming an active user whose role may deploy.",
    );
  const actor = await unsafeActorByEmail(email);
  if (!actor) throw new CliError(EXIT.BAD_INPUT, `--as ${email}: no active user with that email.`);
  return actor;
}

function parseWindow(opts: TApplyOptions): { windowStart?: Date; windowHours?: number } {
  let windowStart: Date | undefined;
  if (opts.windowStart !== undefined) {
    windowStart = new Date(opts.windowStart);
    if (Number.isNaN(windowStart.getTime()))
      throw new CliError(EXIT.BAD_INPUT, `--window-start: "${opts.windowStart}" is not an ISO date-time.`);
  }
  let windowHours: number | undefined;
  if (opts.windowHours !== undefined) {
    windowHours = Number(opts.windowHours);
    if (!Number.isFinite(windowHours) || windowHours <= 0 || windowHours > 24 * 14)
      throw new CliError(EXIT.BAD_INPUT, `--window-hours: "${opts.windowHours}" is not a number of hours (up to 336).`);
  }
  return { windowStart, windowHours };
}

/** The CLI reads only as the system: export and diff change nothing, and every item they show is config. */
const READER: Actor = { id: null, email: "system:cli", name: "cli", role: "admin" };

export function registerConfig(program: Command): void {
  const config = program
    .command("config")
    .description("Configuration as code: export, diff and apply an environment's config items as YAML files");
  config
    .command("export")
    .description("Write every config item the environment runs (one YAML file each) and environment.yaml to DIR")
    .argument("<dir>", "target directory (created if missing)")
    .requiredOption("--env <key>", "environment key (dev, test, prod)")
    .action(async (dir: string, opts: TEnvOption) => {
      requireDatabaseUrl();
      const files = await exportConfig(READER, opts.env);
      for (const f of files) {
        const full = path.join(dir, f.path);
        await mkdir(path.dirname(full), { recursive: true });
        await writeFile(full, f.content);
      }
      process.stdout.write(`Exported ${files.length} file(s) from ${opts.env} to ${dir}.\n`);
    });
  config
    .command("diff")
    .description(
      "Show what applying DIR to the environment would change; exit 0 when nothing would, 3 when something would",
    )
    .argument("<dir>", "directory written by config export")
    .requiredOption("--env <key>", "environment key")
    .option("--json", "print the plan as JSON")
    .action(async (dir: string, opts: TEnvOption) => {
      const files = await readDir(dir);
      requireDatabaseUrl();
      const plan = await planApply(READER, files, opts.env);
      if (opts.json) printJson(plan);
      else {
        printPlan(plan);
        process.stdout.write(`${plan.changeCount ? "Would change" : "No changes"} in ${opts.env}: ${summary(plan)}\n`);
      }
      if (plan.changeCount) setExitCode(EXIT.DIFFERENT);
    });
  config
    .command("apply")
    .description(
      "Apply DIR to the environment in one transaction. Production deploys nothing: it opens a change request for the CAB",
    )
    .argument("<dir>", "directory written by config export")
    .requiredOption("--env <key>", "environment key")
    .addOption(
      new Option("--as <email>", "the user to act as (their role's permissions apply)").env("SWITCHBOARD_USER"),
    )
    .option("--dry-run", "report what would change and write nothing")
    .option("--window-start <iso>", "production: the change window's start (default now)")
    .option("--window-hours <n>", "production: the change window's length in hours (default 4)")
    .option("--title <text>", "production: the change request's title")
    .option("--rollout-plan <text>", "production: the rollout plan")
    .option("--rollback-plan <text>", "production: the rollback plan")
    .option("--json", "print the result as JSON")
    .action(async (dir: string, opts: TApplyOptions) => {
      const window = parseWindow(opts);
      const files = await readDir(dir);
      requireDatabaseUrl();
      const actor = await cliActor(opts.as);
      const result = await applyConfig(actor, files, opts.env, {
        ...window,
        dryRun: opts.dryRun,
        title: opts.title,
        rolloutPlan: opts.rolloutPlan,
        rollbackPlan: opts.rollbackPlan,
      });
      if (opts.json) return printJson(result);
      printPlan(result);
      const prefix = result.dryRun ? "Dry run (nothing written): would be " : "";
      process.stdout.write(`${prefix}${summary(result)} in ${opts.env}.\n`);
      if (result.change)
        process.stdout.write(
          `Opened change request CHG-${result.change.number} (id ${result.change.id}) awaiting CAB approval; nothing was deployed to ${opts.env}.\n`,
        );
      else if (result.environment.isProduction && result.dryRun && result.versions.length)
        process.stdout.write(
          `Would open a change request for ${result.versions.map((v) => `${v.key} v${v.version}`).join(", ")}.\n`,
        );
    });
}
