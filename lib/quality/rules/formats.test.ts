import { describe, expect, it } from "vitest";
import type { TRuleFormat } from "./constants";
import { matchesFormat } from "./formats";

const cases: [TRuleFormat, unknown, boolean][] = [
  ["email", "ada@example.com", true],
  ["email", "ada@example", false],
  ["email", "ada example.com", false],
  ["date", "2024-02-29", true],
  ["date", "2023-02-29", false],
  ["date", "2024-02-31", false],
  ["date", "2024-13-01", false],
  ["date", "2024-2-1", false],
  ["date", "2024-02-01T10:00:00Z", false],
  ["date-time", "2024-02-29T10:00:00Z", true],
  ["date-time", "2024-02-29T10:00:00.123+01:00", true],
  ["date-time", "2024-02-31T10:00:00Z", false],
  ["date-time", "2024-02-01T25:00:00Z", false],
  ["date-time", "2024-02-01T10:00:00", false],
  ["date-time", "2024-02-01", false],
  ["iban", "DE89370400440532013000", true],
  ["iban", "GB82WEST12345698765432", true],
  ["iban", "DE89370400440532013001", false],
  ["iban", "DE8937040044053201300", false],
  ["iban", "GB82WEST1234569876543", false],
  ["iban", "de89370400440532013000", false],
  ["iban", "XX89370400440532013000", false],
  ["country-alpha2", "DE", true],
  ["country-alpha2", "de", false],
  ["country-alpha2", "XX", false],
  ["country-alpha2", "DEU", false],
  ["country-alpha3", "DEU", true],
  ["country-alpha3", "deu", false],
  ["country-alpha3", "DE", false],
  ["currency", "EUR", true],
  ["currency", "eur", false],
  ["currency", "EUX", false],
  ["uuid", "123e4567-e89b-12d3-a456-426614174000", true],
  ["uuid", "123e4567-e89b-12d3-a456-42661417400", false],
  ["url", "https://example.com/orders?id=1", true],
  ["url", "example.com", false],
  ["url", "ftp://example.com", false],
  ["phone-e164", "+4930123456", true],
  ["phone-e164", "+49 30 123456", false],
  ["phone-e164", "004930123456", false],
  ["phone-e164", "+0123456", false],
  ["phone-e164", "+1234567890123456", false],
  ["email", 42, false],
];

describe("formats", () => {
  it.each(cases)("%s %j → %s", (format, value, expected) => {
    expect(matchesFormat(format, value)).toBe(expected);
  });
});
