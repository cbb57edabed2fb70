import { describe, expect, it } from "vitest";
import { ibanValid, luhnValid } from "./detectors";
import { suggestPii } from "./suggest";

describe("checksums", () => {
  it.each([
    ["4111111111111111", true],
    ["4111111111111112", false],
    ["79927398713", true],
  ])("luhn %s → %s", (v, ok) => expect(luhnValid(v)).toBe(ok));
  it.each([
    ["DE89 3704 0044 0532 0130 00", true],
    ["GB82WEST12345698765432", true],
    ["DE89 3704 0044 0532 0130 01", false],
    ["hello", false],
  ])("iban %s → %s", (v, ok) => expect(ibanValid(v)).toBe(ok));
});

describe("suggestPii", () => {
  const samples = [
    {
      customer: { emailAddress: "ada@example.com", firstName: "Ada", birthDate: "1815-12-10" },
      ref: "x@y.io",
      payment: { cardNumber: "4111 1111 1111 1111", iban: "DE89370400440532013000" },
      lines: [{ sku: "A-1", qty: 2 }],
      created: "2024-01-01",
      contact: "+49 30 1234567",
      ssn: "123-45-6789",
    },
    {
      customer: { emailAddress: "bob@example.org", firstName: "Bob", birthDate: "1990-01-02" },
      ref: "a@b.com",
      payment: { cardNumber: "5500 0000 0000 0004", iban: "GB82WEST12345698765432" },
      lines: [{ sku: "B-2", qty: 1 }],
      created: "2024-01-02",
      contact: "+1 (555) 123-4567",
      ssn: "987-65-4321",
    },
  ];
  const byPath = new Map(suggestPii(samples).map((s) => [s.path, s]));

  it("finds fields by name and content, most confident when both agree", () => {
    expect(byPath.get("customer.emailAddress")).toMatchObject({ kind: "email", tags: ["PII"], confidence: 0.97 });
    expect(byPath.get("ref")).toMatchObject({ kind: "email", confidence: 0.85 });
    expect(byPath.get("customer.firstName")).toMatchObject({ kind: "name", confidence: 0.6 });
    expect(byPath.get("payment.cardNumber")).toMatchObject({
      kind: "card",
      tags: ["PCI", "financial"],
      level: "restricted",
    });
    expect(byPath.get("payment.iban")).toMatchObject({ kind: "iban", confidence: 0.97 });
    expect(byPath.get("customer.birthDate")).toMatchObject({ kind: "dob" });
    expect(byPath.get("contact")).toMatchObject({ kind: "phone" });
    expect(byPath.get("ssn")).toMatchObject({ kind: "nationalId", level: "restricted" });
  });

  it("leaves ordinary fields and plain dates alone", () => {
    expect(byPath.has("lines[].sku")).toBe(false);
    expect(byPath.has("lines[].qty")).toBe(false);
    expect(byPath.has("created")).toBe(false);
  });

  it("does not take a card-like number failing Luhn for a card", () => {
    expect(suggestPii([{ n: "4111111111111112" }, { n: "4111111111111113" }])).toEqual([]);
  });
});
