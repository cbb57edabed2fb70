import "server-only";

// Pure attestation status, derived from dates rather than stored, so expiry needs no job.

export type AttestationStatus = "signed" | "expired" | "unsigned";

export const DAY_MS = 24 * 60 * 60 * 1000;

export function expiryFor(signedAt: Date, periodDays: number): Date {
  return new Date(signedAt.getTime() + periodDays * DAY_MS);
}

export function attestationStatus(latest: { expiresAt: Date } | null | undefined, now: Date): AttestationStatus {
  if (!latest) return "unsigned";
  return latest.expiresAt.getTime() > now.getTime() ? "signed" : "expired";
}

/** Signed but expiring within `withinDays`: shown as a pending sign-off so owners renew in time. */
export function isExpiringSoon(latest: { expiresAt: Date } | null | undefined, now: Date, withinDays: number): boolean {
  if (!latest) return false;
  const left = latest.expiresAt.getTime() - now.getTime();
  return left > 0 && left <= withinDays * DAY_MS;
}
