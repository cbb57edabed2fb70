import type { TLevel, TTag } from "./classification";
import { CONTENT_CHECKS } from "./detectors";
import { leafPaths } from "./paths";

// Suggests classifications for likely personal data from field names and sample values. A suggestion
// carries its confidence and the reason; people confirm or dismiss it in the portal.

export const PII_KINDS = ["email", "phone", "iban", "card", "dob", "name", "address", "nationalId", "health"] as const;
export type TPiiKind = (typeof PII_KINDS)[number];

export type TSuggestion = {
  path: string;
  kind: TPiiKind;
  level: TLevel;
  tags: TTag[];
  /** 0..1: how sure the suggestion is (name and content agreeing count most). */
  confidence: number;
  reason: string;
};

type TKindSpec = {
  name: RegExp;
  content?: (v: string) => boolean;
  level: TLevel;
  tags: TTag[];
  /** A content match alone (no name hint) is not enough: dates are not all birthdays. */
  needsName?: boolean;
};

const KINDS: Record<TPiiKind, TKindSpec> = {
  email: { name: /e-?mail/i, content: CONTENT_CHECKS.email, level: "confidential", tags: ["PII"] },
  phone: {
    name: /phone|mobile|^tel$|telephone|fax|msisdn/i,
    content: CONTENT_CHECKS.phone,
    level: "confidential",
    tags: ["PII"],
  },
  iban: {
    name: /iban|account_?number|bank_?account/i,
    content: CONTENT_CHECKS.iban,
    level: "restricted",
    tags: ["PII", "financial"],
  },
  card: {
    name: /card_?(number|no|num)|^pan$|cc_?num|credit_?card/i,
    content: CONTENT_CHECKS.card,
    level: "restricted",
    tags: ["PCI", "financial"],
  },
  dob: { name: /^dob$|birth/i, content: CONTENT_CHECKS.date, level: "confidential", tags: ["PII"], needsName: true },
  name: {
    name: /^(first|last|given|family|full|middle|sur|maiden)_?name$|^surname$|^forename$|^(customer|contact|person|employee|patient)_?name$/i,
    level: "confidential",
    tags: ["PII"],
  },
  address: {
    name: /address|street|^addr|postcode|postal_?code|^zip(_?code)?$|^city$/i,
    level: "confidential",
    tags: ["PII"],
  },
  nationalId: {
    name: /ssn|social_?security|national_?id|passport|tax_?id|^nin$|^nino$|^bsn$|id_?card/i,
    content: CONTENT_CHECKS.nationalId,
    level: "restricted",
    tags: ["PII"],
  },
  health: {
    name: /diagnos|icd_?\d*|medical|health|allerg|medication|blood_?type/i,
    level: "restricted",
    tags: ["PHI", "PII"],
  },
};

/** The last key of a path ("customer.emailAddress" → "emailAddress"), snake-cased for the patterns. */
const lastKey = (path: string) =>
  (path.split(".").pop() ?? path)
    .replace(/\[\]$/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Suggestions for the fields of some sample payloads: at most one (the most confident) per path.
 * A name match counts 0.6, content matching in most non-empty samples 0.85, both together 0.97.
 */
export function suggestPii(samples: unknown[], minConfidence = 0.5): TSuggestion[] {
  const values = new Map<string, string[]>();
  for (const sample of samples)
    for (const { path, value } of leafPaths(sample)) {
      const list = values.get(path) ?? [];
      if (value !== null && value !== undefined && value !== "" && list.length < 200) list.push(String(value));
      values.set(path, list);
    }
  const out: TSuggestion[] = [];
  for (const [path, vals] of values) {
    const key = lastKey(path);
    let best: TSuggestion | null = null;
    for (const kind of PII_KINDS) {
      const spec = KINDS[kind];
      const isNamed = spec.name.test(key);
      const share = spec.content && vals.length ? vals.filter(spec.content).length / vals.length : 0;
      const isContent = share >= 0.8 && !(spec.needsName && !isNamed);
      if (!isNamed && !isContent) continue;
      const confidence = isNamed && isContent ? 0.97 : isContent ? 0.85 * share : 0.6;
      const reason = [
        isNamed ? `the field name "${key}" suggests ${kind}` : null,
        isContent ? `${Math.round(share * 100)}% of ${vals.length} sample values look like ${kind}` : null,
      ]
        .filter(Boolean)
        .join("; ");
      if (!best || confidence > best.confidence)
        best = { path, kind, level: spec.level, tags: spec.tags, confidence: round(confidence), reason };
    }
    if (best && best.confidence >= minConfidence) out.push(best);
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.path.localeCompare(b.path));
}
