import { z } from "zod";

// Classification vocabulary shared by the portal, the policy documents and the engine.

export const LEVELS = ["public", "internal", "confidential", "restricted"] as const;
export type TLevel = (typeof LEVELS)[number];
export const ZLevel = z.enum(LEVELS);

export const TAGS = ["PII", "PHI", "PCI", "financial"] as const;
export type TTag = (typeof TAGS)[number];
export const ZTag = z.enum(TAGS);

export const SCOPE_KINDS = ["system", "interface", "flow"] as const;
export type TScopeKind = (typeof SCOPE_KINDS)[number];

/** Higher is more sensitive: a propagated field keeps the highest level that reaches it. */
export const levelRank = (level: TLevel): number => LEVELS.indexOf(level);
export const maxLevel = (a: TLevel, b: TLevel): TLevel => (levelRank(a) >= levelRank(b) ? a : b);

/** A field's classification as the masking policy sees it. */
export type TFieldClass = { path: string; level: TLevel; tags: TTag[] };
