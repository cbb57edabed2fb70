import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed/demo-accounts";

/** A URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

export function readyBanner(opts: { url: string; seeded: boolean; dataLines: string[]; mode: "dev" | "prod" }): string {
  const lines = ["", `Switchboard is running at ${opts.url}${opts.mode === "dev" ? " (development mode)" : ""}`];
  if (opts.seeded) {
    lines.push("", `Demo accounts, one per role (password for all: ${DEMO_PASSWORD}):`);
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.role.length));
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.role.padEnd(width)}  ${a.email}`);
  }
  lines.push("", ...opts.dataLines, "", "Press Ctrl-C to stop.", "");
  return lines.join("\n");
}
