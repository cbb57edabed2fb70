import { ZMasterConfig, type TMasterConfig } from "./config";

/** The demo customer entity: the seed, the tests and the matching-quality dataset use it. */
export const CUSTOMER_CONFIG: TMasterConfig = ZMasterConfig.parse({
  attributes: [
    { name: "name", type: "name", survivorship: "source_priority" },
    { name: "email", type: "email", survivorship: "trusted_source", trustedSystem: "crm" },
    { name: "phone", type: "phone", survivorship: "most_recent" },
    { name: "street", type: "address", survivorship: "most_complete" },
    { name: "city", type: "string", survivorship: "source_priority", priority: ["erp", "crm", "shop"] },
    { name: "postalCode", type: "postal_code", survivorship: "source_priority" },
  ],
  sourcePriority: ["crm", "erp", "shop"],
  deterministicKeys: [["email"], ["phone"]],
  fuzzy: [
    { attribute: "name", comparator: "jaro_winkler", weight: 5 },
    { attribute: "street", comparator: "levenshtein", weight: 3 },
    { attribute: "postalCode", comparator: "exact", weight: 2 },
    { attribute: "city", comparator: "jaro_winkler", weight: 1 },
    { attribute: "email", comparator: "levenshtein", weight: 2 },
    { attribute: "phone", comparator: "levenshtein", weight: 2 },
  ],
  blocking: [
    { attribute: "name", method: "token_prefixes", length: 3 },
    { attribute: "postalCode", method: "exact" },
  ],
  matchThreshold: 0.88,
  reviewThreshold: 0.75,
});
