import { createHash, createHmac } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "@/lib/utils/canonical-json";
import { levelRank, ZLevel, ZTag, type TFieldClass } from "./classification";
import { partialMask, redact, saltedHash } from "./mask-values";
import { isFieldPath, mapPath, parsePath, type TPathSegment } from "./paths";
import { TokenizeError, type Tokenizer } from "./tokenize";

// A masking policy (config kind "masking"): rules that say how classified fields are masked. A rule
// matches a field by its path, by one of its tags, or by its level (that level or a higher one); the
// first matching rule wins. The engine applies the policies deployed in a non-production environment
// to every message before its outputs; the mask step applies explicit rules in any environment.

export const METHODS = ["redact", "partial", "hash", "tokenize"] as const;
export type TMethod = (typeof METHODS)[number];

const ZPath = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine(isFieldPath, "use a field path such as customer.email or lines[].card");

/** How one value is masked. */
export const ZMaskMethod = z
  .object({
    method: z.enum(METHODS),
    keepFirst: z.number().int().min(0).max(32).optional(),
    keepLast: z.number().int().min(0).max(32).optional(),
    maskChar: z.string().length(1).optional(),
    replacement: z.string().max(64).optional(),
    hashLength: z.number().int().min(8).max(64).optional(),
    /** Separates token spaces; the same tweak everywhere keeps tokens joinable across flows. */
    tweak: z.string().max(64).optional(),
  })
  .strict();
export type TMaskMethod = z.infer<typeof ZMaskMethod>;

export const ZMaskingRule = ZMaskMethod.extend({
  match: z
    .object({ path: ZPath.optional(), tag: ZTag.optional(), level: ZLevel.optional() })
    .strict()
    .refine((m) => m.path || m.tag || m.level, "name a path, a tag or a level to match"),
}).strict();
export type TMaskingRule = z.infer<typeof ZMaskingRule>;

export const POLICY_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const ZMaskingPolicyDocument = z
  .object({
    key: z.string().regex(POLICY_KEY, "lower-case letters, digits and dashes, e.g. default or hr-data"),
    description: z.string().max(2000).default(""),
    /** Flow names the policy covers; empty: every flow. */
    flows: z.array(z.string().min(1).max(120)).max(200).default([]),
    rules: z.array(ZMaskingRule).min(1, "add at least one rule").max(200),
  })
  .strict();
export type TMaskingPolicyDocument = z.output<typeof ZMaskingPolicyDocument>;

export function maskingContentHash(doc: TMaskingPolicyDocument): string {
  return createHash("sha256")
    .update(canonicalJson(ZMaskingPolicyDocument.parse(doc)))
    .digest("hex");
}

export type TCompiledMask = { path: string; segments: TPathSegment[]; mask: TMaskMethod };

const pick = (r: TMaskingRule): TMaskMethod => {
  const { match: _match, ...mask } = r;
  return mask;
};

/**
 * What a flow's messages get masked with: for each classified field the first rule that matches it,
 * plus every rule that names a path outright. Policies apply in the order given (by key).
 */
export function compileMasks(
  policies: TMaskingPolicyDocument[],
  flowName: string,
  fields: TFieldClass[],
): TCompiledMask[] {
  const rules = policies.filter((p) => !p.flows.length || p.flows.includes(flowName)).flatMap((p) => p.rules);
  if (!rules.length) return [];
  const out = new Map<string, TMaskMethod>();
  for (const f of fields) {
    const rule = rules.find(
      (r) =>
        r.match.path === f.path ||
        (!r.match.path &&
          ((r.match.tag && f.tags.includes(r.match.tag)) ||
            (r.match.level && levelRank(f.level) >= levelRank(r.match.level)))),
    );
    if (rule) out.set(f.path, pick(rule));
  }
  for (const r of rules) if (r.match.path && !out.has(r.match.path)) out.set(r.match.path, pick(r));
  return [...out].map(([path, mask]) => ({ path, segments: parsePath(path), mask }));
}

/** The secrets hashing and tokenizing need: the active key's tokenizer and the salt derived from it. */
export type TMaskKeys = { tokenizer: Tokenizer; salt: Buffer };

export const hashSaltFor = (material: Buffer): Buffer =>
  createHmac("sha256", material).update("switchboard.masking.hash-salt").digest();

/** One value masked; non-text scalars are masked as their text, null stays null. */
export function maskValue(value: unknown, mask: TMaskMethod, keys: TMaskKeys | null): unknown {
  if (value === null || value === undefined) return value;
  const text = typeof value === "string" ? value : String(value);
  switch (mask.method) {
    case "redact":
      return redact(text, mask.replacement);
    case "partial":
      return partialMask(text, mask);
    case "hash":
      if (!keys) throw new MissingKeysError();
      return saltedHash(text, keys.salt, mask.hashLength);
    case "tokenize":
      if (!keys) throw new MissingKeysError();
      try {
        return keys.tokenizer.tokenize(text, mask.tweak ?? "");
      } catch (e) {
        // Too short to tokenize: masked in place (format kept) rather than passed in clear.
        if (e instanceof TokenizeError) return partialMask(text);
        throw e;
      }
  }
}

export class MissingKeysError extends Error {
  constructor() {
    super("Hashing and tokenizing need the engine's tokenization key; none is available here.");
  }
}

/** The body with every compiled mask applied (the input is not mutated; untouched parts are shared). */
export function applyMasks(body: unknown, masks: TCompiledMask[], keys: TMaskKeys | null): unknown {
  let out = body;
  for (const m of masks) out = mapPath(out, m.segments, (v) => maskValue(v, m.mask, keys));
  return out;
}
