import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PERMISSIONS } from "../../lib/auth/permissions";

export type DiscoveredAction = {
  /** `app/…/actions.ts exportName`, the label used in test names, PUBLIC_ACTIONS and snapshots. */
  key: string;
  file: string;
  name: string;
  fn: unknown;
  /** What the action client declared; undefined when the export was not built with it. */
  meta: { permission: string; form: boolean } | undefined;
};

// Actions that run without a session by design: signing in authenticates, signing out ends the session.
export const PUBLIC_ACTIONS = new Set([
  "app/(auth)/signin/actions.ts signInAction",
  "app/(portal)/actions.ts signOutAction",
]);

export const KNOWN_PERMISSIONS = new Set<string>(PERMISSIONS);

// A module-level directive: only comments may come before it.
const USE_SERVER = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(entry) && !entry.includes(".test.")) out.push(p);
  }
  return out;
}

/** Files under app/ whose every export is a server action. */
export function serverActionFiles(root: string): string[] {
  return walk(path.join(root, "app"))
    .filter((file) => USE_SERVER.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(root, file))
    .sort();
}

/**
 * Imports every "use server" module under app/ and reads each export's declaration from the action
 * client. Call it after the test's mocks are in place: importing runs the modules.
 */
export async function discoverActions(root: string): Promise<DiscoveredAction[]> {
  const { actionMeta } = await import("@/lib/http/action-client");
  const found: DiscoveredAction[] = [];
  for (const file of serverActionFiles(root)) {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      found.push({ key: `${file} ${name}`, file, name, fn, meta: actionMeta(fn) });
    }
  }
  return found;
}
