import { dereference } from "@/lib/apis/openapi/deref";
import { listOperations } from "@/lib/apis/openapi/operations";
import type { TParsedOpenApi } from "@/lib/apis/openapi/parse";
import { diffRequestBodies } from "./rules/bodies";
import type { TDiffContext } from "./rules/context";
import { diffOperations } from "./rules/operations";
import { diffParameters } from "./rules/parameters";
import { ruleSeverity } from "./rules/registry";
import { diffResponses } from "./rules/responses";
import { diffSecurity, diffSecuritySchemes } from "./rules/security";
import { SEVERITY_ORDER, type TApiChange, type TChangeDraft } from "./types";

export { API_DIFF_RULES, ruleSeverity } from "./rules/registry";
export { SEVERITY_ORDER } from "./types";
export type { TApiChange, TApiChangeLocation, TApiChangeSeverity, TApiDiffRule } from "./types";

export type TDiffOptions = { /** The clock for sunset dates; default now. */ now?: Date };

/**
 * The semantic difference between two valid OpenAPI documents: each change with a stable rule id,
 * a severity for clients of the base document, and its location (pointer and line) in both. Schemas
 * are compared dereferenced and normalized, so refactors into $refs or allOf that accept the same
 * values are not changes. Sorted breaking first, then by operation and rule.
 */
export function diffOpenApi(base: TParsedOpenApi, revision: TParsedOpenApi, options: TDiffOptions = {}): TApiChange[] {
  if (!base.doc || !revision.doc) throw new Error("Both documents must parse before they can be compared.");
  const changes: TApiChange[] = [];
  const seen = new Set<string>();
  const locate = (doc: TParsedOpenApi, pointer: string | null | undefined) =>
    pointer === null || pointer === undefined ? undefined : { pointer, line: doc.lineOf(pointer) };
  const emit = (draft: TChangeDraft) => {
    const change: TApiChange = {
      id: draft.id,
      severity: ruleSeverity(draft.id),
      message: draft.message,
      ...(draft.operation ? { operation: draft.operation } : {}),
      base: locate(base, draft.base),
      revision: locate(revision, draft.revision),
      fields: draft.fields ?? [],
    };
    // A schema shared by several places is reported once per place, but never twice for the same one.
    const key = `${change.id}|${change.operation}|${change.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    changes.push(change);
  };
  const ctx: TDiffContext = {
    baseDoc: dereference(base.doc),
    revisionDoc: dereference(revision.doc),
    baseVersion: base.version ?? "3.1",
    revisionVersion: revision.version ?? "3.1",
    now: options.now ?? new Date(),
    emit,
  };
  const pairs = diffOperations(ctx, listOperations(base.doc), listOperations(revision.doc));
  for (const pair of pairs) {
    diffParameters(ctx, pair);
    diffRequestBodies(ctx, pair);
    diffResponses(ctx, pair);
    diffSecurity(ctx, pair);
  }
  diffSecuritySchemes(ctx);
  return changes.sort(
    (a, b) =>
      SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
      (a.operation ?? "").localeCompare(b.operation ?? "") ||
      a.id.localeCompare(b.id),
  );
}
