import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/utils/canonical-json";
import { ZRuleSetDocument } from "./document";

/** sha256 of the canonical, parsed document (defaults filled in): equal rules, equal hash. */
export function ruleSetContentHash(doc: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(ZRuleSetDocument.parse(doc)))
    .digest("hex");
}
