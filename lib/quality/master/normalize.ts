import type { TMasterAttribute } from "./config";

// Normalization before any comparison: case, whitespace, punctuation and diacritics always; emails,
// phones, addresses and postal codes by their type, so "Müller-Lüdenscheidt, Str. 5" equals "muller ludenscheidt street 5".

const ADDRESS_ABBREVIATIONS: Record<string, string> = {
  st: "street",
  str: "street",
  strasse: "street",
  ave: "avenue",
  av: "avenue",
  rd: "road",
  dr: "drive",
  ln: "lane",
  blvd: "boulevard",
  ct: "court",
  pl: "place",
  sq: "square",
  hwy: "highway",
  pkwy: "parkway",
  apt: "apartment",
  ste: "suite",
  fl: "floor",
  n: "north",
  s: "south",
  e: "east",
  w: "west",
};

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

function asText(value: unknown): string {
  if (isBlank(value)) return "";
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Lower case, no diacritics, punctuation as spaces, single spaces. */
export function normalizeText(value: unknown): string {
  return asText(value)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function normalizeEmail(value: unknown): string {
  return asText(value).normalize("NFKC").trim().toLowerCase();
}

/** Digits only, without a leading international prefix (00 or +) and trunk 0, the last 10 digits. */
export function normalizePhone(value: unknown): string {
  const digits = asText(value).replace(/\D/g, "").replace(/^00/, "");
  return digits.length > 10 ? digits.slice(-10) : digits.replace(/^0/, "");
}

export function normalizeAddress(value: unknown): string {
  return normalizeText(value)
    .split(" ")
    .map((t) => ADDRESS_ABBREVIATIONS[t] ?? t)
    .join(" ");
}

/** Names compare regardless of token order ("Smith, John" = "john smith"). */
export function normalizeName(value: unknown): string {
  return normalizeText(value).split(" ").filter(Boolean).sort().join(" ");
}

export function normalizeValue(type: TMasterAttribute["type"], value: unknown): string {
  switch (type) {
    case "email":
      return normalizeEmail(value);
    case "phone":
      return normalizePhone(value);
    case "address":
      return normalizeAddress(value);
    case "name":
      return normalizeName(value);
    case "postal_code":
      return normalizeText(value).replace(/ /g, "");
    default:
      return normalizeText(value);
  }
}
