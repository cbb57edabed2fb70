import type { TDeploymentRow } from "./deployments";

const short = (hash: string) => `${hash.slice(0, 12)}…`;

const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const day = (d: Date) => d.toISOString().slice(0, 10);

/** "2026-12-02 10:00–12:00 UTC", or both dates when the window spans midnight. */
export function formatWindow(start: Date, end: Date): string {
  return day(start) === day(end)
    ? `${day(start)} ${hhmm(start)}–${hhmm(end)} UTC`
    : `${day(start)} ${hhmm(start)} – ${day(end)} ${hhmm(end)} UTC`;
}

/** Approved or implemented; an emergency change may deploy first, before its approvals (reviewed afterwards). */
function isApproved(c: NonNullable<TDeploymentRow["change"]>): boolean {
  if (c.status === "approved" || c.status === "implemented") return true;
  return c.type === "emergency" && c.status === "submitted";
}

/**
 * The CAB's decision, enforced in production whatever wrote the deployment row (portal, CLI, psql):
 * the deployment must be bound to a change for this environment that is approved (or an emergency
 * change), whose item for this flow approved exactly the content that would run: the deployment's
 * hash and the hash recomputed from the stored spec (`actualHash`). The change's window bounds the
 * first activation only: an engine restarting after the window must not stop a flow that already ran.
 * Returns the refusal reason, naming what is missing, or null when the deployment may run.
 */
export function changeRefusal(d: TDeploymentRow, actualHash: string, now: Date): string | null {
  if (!d.isProduction) return null;
  const c = d.change;
  const what = `${d.flowName} v${d.version}`;
  if (!c)
    return `no approved change is bound to ${d.environmentKey} deployment of ${what} (hash ${short(d.contentHash)})`;
  const name = `CHG-${c.number}`;
  if (c.environmentId !== d.environmentId) return `${name} is for another environment, not ${d.environmentKey}`;
  if (!isApproved(c)) return `${name} is ${c.status.replace("_", " ")}, not approved`;
  if (!c.itemHash)
    return `${name} does not include ${d.flowName}: no approved change is bound to ${what} (hash ${short(d.contentHash)})`;
  if (c.itemHash !== d.contentHash || c.itemHash !== actualHash)
    return `content no longer matches the hash ${name} approved (${short(c.itemHash)}; ${what} now hashes to ${short(actualHash)})`;
  if (!d.activatedAt) {
    const window = formatWindow(c.windowStart, c.windowEnd);
    if (now < c.windowStart) return `${name}'s window ${window} has not started`;
    if (now > c.windowEnd) return `${name}'s window ${window} has ended before ${what} was first activated`;
  }
  return null;
}
