import { createHash } from "node:crypto";
import { canonicalJson, normalize } from "@/lib/utils/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export type ChainFields = {
  at: Date;
  actorId: string | null;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

/** sha256 over the previous hash and every recorded field: editing any of them breaks the chain here. */
export function entryHash(prevHash: string, fields: ChainFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(canonicalJson({ ...fields, at: fields.at.toISOString() }))
    .digest("hex");
}

/** Keeps only the fields that changed, so an entry shows a before/after diff rather than two snapshots. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after)
    return {
      before: before && (normalize(before) as Record<string, unknown>),
      after: after && (normalize(after) as Record<string, unknown>),
    };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const nb = normalize(before[key]);
    const na = normalize(after[key]);
    if (canonicalJson(nb) !== canonicalJson(na)) {
      b[key] = nb;
      a[key] = na;
    }
  }
  return { before: b, after: a };
}
