import { describe, expect, it } from "vitest";
import { attestationStatus, expiryFor, isExpiringSoon } from "./attestation-status";

describe("attestation status", () => {
  const signedAt = new Date("2026-01-01T00:00:00Z");
  const latest = { expiresAt: expiryFor(signedAt, 90) };

  it("expires exactly the period after signing", () => {
    expect(latest.expiresAt.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("is signed before expiry, expired from expiry on, unsigned without an attestation", () => {
    expect(attestationStatus(latest, new Date("2026-03-31T23:59:59Z"))).toBe("signed");
    expect(attestationStatus(latest, new Date("2026-04-01T00:00:00Z"))).toBe("expired");
    expect(attestationStatus(null, new Date())).toBe("unsigned");
  });

  it("warns within the renewal window only while still signed", () => {
    expect(isExpiringSoon(latest, new Date("2026-03-20T00:00:00Z"), 14)).toBe(true);
    expect(isExpiringSoon(latest, new Date("2026-03-01T00:00:00Z"), 14)).toBe(false);
    expect(isExpiringSoon(latest, new Date("2026-04-02T00:00:00Z"), 14)).toBe(false);
  });
});
