// Client-safe: the rule editor imports these without the checks (RE2, JSONata).

export const RULE_TYPES = ["string", "number", "integer", "boolean", "object", "array"] as const;
export const RULE_FORMATS = [
  "email",
  "date",
  "date-time",
  "iban",
  "country-alpha2",
  "country-alpha3",
  "currency",
  "uuid",
  "url",
  "phone-e164",
] as const;
export type TRuleFormat = (typeof RULE_FORMATS)[number];

export const RULE_CHECKS = [
  "required",
  "type",
  "format",
  "pattern",
  "range",
  "length",
  "date_range",
  "enum",
  "expression",
  "lookup",
] as const;
export type TRuleCheckName = (typeof RULE_CHECKS)[number];

export const FORMAT_LABELS: Record<TRuleFormat, string> = {
  email: "an email address",
  date: "an ISO 8601 date (YYYY-MM-DD) that exists",
  "date-time": "an ISO 8601 date-time with a time zone",
  iban: "an IBAN with a valid checksum",
  "country-alpha2": "an ISO 3166-1 alpha-2 country code (upper case)",
  "country-alpha3": "an ISO 3166-1 alpha-3 country code (upper case)",
  currency: "an ISO 4217 currency code (upper case)",
  uuid: "a UUID",
  url: "an http(s) URL",
  "phone-e164": "a phone number in E.164 form (+4930123456)",
};

/** How many recent records the impact preview may replay. */
export const PREVIEW_SIZES = [100, 1000] as const;
