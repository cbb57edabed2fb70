import { Cron } from "croner";

// When a definition runs next, and how the portal says it. Pure.

type TSchedule = { scheduleKind: string; intervalMinutes: number | null; cron: string | null };

/** The first scheduled time after `from` (null when the schedule cannot say). */
export function nextRunAfter(s: TSchedule, from: Date): Date | null {
  if (s.scheduleKind === "cron") {
    if (!s.cron) return null;
    try {
      return new Cron(s.cron, { timezone: "UTC", paused: true }).nextRun(from);
    } catch {
      return null;
    }
  }
  return s.intervalMinutes ? new Date(from.getTime() + s.intervalMinutes * 60_000) : null;
}

/** The length of one period, for a stream run's window when there is no previous run. */
export function periodMs(s: TSchedule, at: Date): number {
  if (s.scheduleKind === "cron" && s.cron) {
    try {
      const [a, b] = new Cron(s.cron, { timezone: "UTC", paused: true }).nextRuns(2, at);
      if (a && b) return b.getTime() - a.getTime();
    } catch {
      // fall through to the default
    }
  }
  return (s.intervalMinutes ?? 60) * 60_000;
}

export function scheduleLabel(s: TSchedule): string {
  if (s.scheduleKind === "cron") return `${s.cron ?? "?"} UTC`;
  const m = s.intervalMinutes ?? 0;
  if (m >= 1440 && m % 1440 === 0) return m === 1440 ? "every day" : `every ${m / 1440} days`;
  if (m >= 60 && m % 60 === 0) return m === 60 ? "every 60 min" : `every ${m / 60} h`;
  return `every ${m} min`;
}

/** A connection for people: host and database, never the user or password; placeholders as written. */
export function connectionLabel(conn: string | null): string | null {
  if (!conn) return null;
  if (conn.startsWith("${")) return conn;
  try {
    const u = new URL(conn);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname && u.pathname !== "/" ? u.pathname : ""}`;
  } catch {
    return "(connection)";
  }
}

export const REDACTED_PASSWORD = "********";

/**
 * The connection as the portal may show it: the password replaced (saving the redacted text back
 * keeps the stored password, see saveProfileDefinition). Placeholders are shown as written.
 */
export function redactConnection(conn: string | null): string | null {
  if (!conn || conn.startsWith("${")) return conn;
  try {
    const u = new URL(conn);
    if (!u.password) return conn;
    u.password = REDACTED_PASSWORD;
    return u.toString();
  } catch {
    return "(connection)";
  }
}
