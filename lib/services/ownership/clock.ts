import "server-only";
import { env, testClockEnabled } from "@/lib/env";
import { DAY_MS } from "./attestation-status";

export const TEST_CLOCK_COOKIE = "sb_test_clock_offset_days";

/**
 * "Now" for attestation expiry. Outside production (or with ALLOW_TEST_CLOCK=1, which only the e2e
 * server sets) it adds SWITCHBOARD_CLOCK_OFFSET_DAYS plus a per-browser offset from the
 * `sb_test_clock_offset_days` cookie, so journeys can simulate time. In production both are ignored.
 */
export function currentTime(cookieOffsetDays?: string | null): Date {
  const real = Date.now();
  if (!testClockEnabled()) return new Date(real);
  const fromCookie = Number(cookieOffsetDays ?? 0);
  const offset = env().SWITCHBOARD_CLOCK_OFFSET_DAYS + (Number.isFinite(fromCookie) ? fromCookie : 0);
  return new Date(real + offset * DAY_MS);
}
