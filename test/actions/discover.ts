import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PERMISSIONS } from "../../lib/auth/permissions";

export type DiscoveredAction = { file: string; name: string; permissions: string[]; authenticates: boolean };

// Actions that run without a session by design.
export const PUBLIC_ACTIONS = new Set(["signInAction", "signOutAction"]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (
      /^actions?\.tsx?$/.test(entry) ||
      (p.includes(`${path.sep}actions${path.sep}`) && /\.tsx?$/.test(entry) && !entry.includes(".test."))
    )
      out.push(p);
  }
  return out;
}

/** Every exported server action under app/, with the permission literals its body asserts. */
export function discoverActions(root: string): DiscoveredAction[] {
  const found: DiscoveredAction[] = [];
  for (const file of walk(path.join(root, "app"))) {
    const src = readFileSync(file, "utf8");
    if (!/^["']use server["']/m.test(src)) continue;
    const re = /export\s+async\s+function\s+(\w+)\s*\(/g;
    const starts = [...src.matchAll(re)];
    starts.forEach((m, i) => {
      const body = src.slice(m.index, starts[i + 1]?.index ?? src.length);
      const permissions = [...body.matchAll(/assertPermission\(\s*\w+\s*,\s*["'`]([\w:]+)["'`]/g)].map((x) => x[1]);
      found.push({
        file: path.relative(root, file),
        name: m[1],
        permissions,
        authenticates: body.includes("requireSession()"),
      });
    });
  }
  return found;
}

export const KNOWN_PERMISSIONS = new Set<string>(PERMISSIONS);
