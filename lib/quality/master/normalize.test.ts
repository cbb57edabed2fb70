import { describe, expect, it } from "vitest";
import { levenshteinRatio, similarity } from "./compare";
import { normalizeAddress, normalizeEmail, normalizeName, normalizePhone, normalizeText } from "./normalize";

describe("normalization", () => {
  it.each([
    ["  Müller-Lüdenscheidt, GmbH ", "muller ludenscheidt gmbh"],
    ["Straße", "strasse"],
    ["O'Brien", "o brien"],
    [null, ""],
    [42, "42"],
  ])("text %j → %j", (input, out) => expect(normalizeText(input)).toBe(out));

  it("names compare regardless of order and punctuation", () => {
    expect(normalizeName("Smith, John")).toBe(normalizeName("john  SMITH"));
  });

  it("addresses expand abbreviations", () => {
    expect(normalizeAddress("12 Main St.")).toBe("12 main street");
    expect(normalizeAddress("5 Oak Ave")).toBe(normalizeAddress("5 oak avenue"));
  });

  it.each([
    ["+1 (555) 123-4567", "5551234567"],
    ["001 555 123 4567", "5551234567"],
    ["0555 1234567", "5551234567"],
    ["555.123.4567", "5551234567"],
  ])("phone %s → %s", (input, out) => expect(normalizePhone(input)).toBe(out));

  it("emails are trimmed and lower-cased", () => expect(normalizeEmail(" Ann@Example.COM ")).toBe("ann@example.com"));
});

describe("comparators", () => {
  it("Jaro-Winkler rewards a common prefix and tolerates a transposition", () => {
    expect(similarity("jaro_winkler", "martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(similarity("jaro_winkler", "dixon", "dicksonx")).toBeCloseTo(0.813, 3);
    expect(similarity("jaro_winkler", "abc", "xyz")).toBe(0);
  });

  it("Levenshtein ratio is 1 − distance / longer length", () => {
    expect(levenshteinRatio("kitten", "sitting")).toBeCloseTo(1 - 3 / 7, 6);
    expect(similarity("levenshtein", "same", "same")).toBe(1);
  });

  it("exact is all or nothing, and an empty side never matches", () => {
    expect(similarity("exact", "10115", "10117")).toBe(0);
    expect(similarity("jaro_winkler", "", "x")).toBe(0);
  });
});
