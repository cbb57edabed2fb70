import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What `next build` reads. Tests, the CLI and the engine's own entry do not change the web build. */
export const BUILD_INPUT_DIRS = ["app", "components", "lib", "public"];
export const BUILD_INPUT_FILES = [
  "next.config.js",
  "next.config.mjs",
  "next.config.ts",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const STAMP = "switchboard-build.json";

export function isBuildInput(rel: string): boolean {
  const base = path.basename(rel);
  if (/\.(test|spec|integration\.test)\.tsx?$/.test(base)) return false;
  if (rel.startsWith(`lib${path.sep}cli${path.sep}`)) return false;
  return true;
}

/**
 * Hash of every input file's path, size and mtime. Cheap (stat only) and it also notices
 * deleted or renamed files, which a "newest mtime" check would miss.
 */
export function sourceFingerprint(root: string): string {
  const lines: string[] = [];
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && isBuildInput(child)) lines.push(statLine(root, child));
    }
  };
  for (const dir of BUILD_INPUT_DIRS) walk(dir);
  for (const file of BUILD_INPUT_FILES) if (existsSync(path.join(root, file))) lines.push(statLine(root, file));
  lines.sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

function statLine(root: string, rel: string): string {
  const st = statSync(path.join(root, rel));
  return `${rel}\t${st.size}\t${Math.floor(st.mtimeMs)}`;
}

export type TBuildDecision = { stale: false } | { stale: true; reason: string };

export function decideBuild(input: {
  hasBuildId: boolean;
  stampFingerprint: string | null;
  currentFingerprint: string;
}): TBuildDecision {
  if (!input.hasBuildId) return { stale: true, reason: "no build yet" };
  if (!input.stampFingerprint) return { stale: true, reason: "the build was not made by npm start" };
  if (input.stampFingerprint !== input.currentFingerprint)
    return { stale: true, reason: "sources changed since the last build" };
  return { stale: false };
}

export function checkBuild(root: string, distDir: string): TBuildDecision & { fingerprint: string } {
  const dist = path.resolve(root, distDir);
  let stampFingerprint: string | null = null;
  try {
    stampFingerprint =
      (JSON.parse(readFileSync(path.join(dist, STAMP), "utf8")) as { fingerprint?: string }).fingerprint ?? null;
  } catch {
    stampFingerprint = null;
  }
  const fingerprint = sourceFingerprint(root);
  return {
    ...decideBuild({
      hasBuildId: existsSync(path.join(dist, "BUILD_ID")),
      stampFingerprint,
      currentFingerprint: fingerprint,
    }),
    fingerprint,
  };
}

/**
 * Records the fingerprint taken *before* the build, so a file edited while it ran makes the next
 * start build again. (With a custom dist dir, next build adds it to tsconfig.json once; that costs
 * one extra build, never a stale one.)
 */
export function writeBuildStamp(root: string, distDir: string, fingerprint: string): void {
  writeFileSync(
    path.join(path.resolve(root, distDir), STAMP),
    JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }),
  );
}
