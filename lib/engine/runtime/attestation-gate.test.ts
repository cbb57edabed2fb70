import { describe, expect, it } from "vitest";
import { attestationRefusal, type TDomainAttestation } from "./attestation-gate";

const now = new Date("2026-12-02T10:00:00Z");
const domain = (over: Partial<TDomainAttestation>): TDomainAttestation => ({
  key: "customer",
  name: "Customer master",
  classification: "personal",
  ownerId: "u1",
  expiresAt: new Date("2027-03-01T00:00:00Z"),
  ...over,
});

describe("attestationRefusal", () => {
  it("lets a flow run when every personal-data domain has a current attestation (or it carries none)", () => {
    expect(attestationRefusal([], now)).toBeNull();
    expect(attestationRefusal([domain({})], now)).toBeNull();
  });

  it("names each lapsed, never-attested or ownerless domain and since when it lapsed", () => {
    const reason = attestationRefusal(
      [
        domain({ expiresAt: new Date("2026-11-30T00:00:00Z") }),
        domain({ name: "Health records", classification: "sensitive_personal", expiresAt: null }),
        domain({ name: "Payroll", ownerId: null }),
      ],
      now,
    );
    expect(reason).toBe(
      "the owner's attestation of Customer master (personal data) lapsed on 2026-11-30; " +
        "Health records (sensitive personal data) was never attested by its owner; " +
        "Payroll (personal data) has no accountable owner: a flow carrying personal data is not activated in production until the owner attests",
    );
  });

  it("counts an attestation expiring exactly now as lapsed", () => {
    expect(attestationRefusal([domain({ expiresAt: now })], now)).toMatch(/lapsed on 2026-12-02/);
  });
});
