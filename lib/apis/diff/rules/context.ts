import type { TOpenApiVersion } from "@/lib/apis/openapi/parse";
import type { TOperation } from "@/lib/apis/openapi/operations";
import { normalizeSchema, type TNorm } from "../normalize";
import type { TEmit } from "../types";

/** What every rule module gets: both documents (dereferenced), their versions, the clock and the sink. */
export type TDiffContext = {
  baseDoc: Record<string, unknown>;
  revisionDoc: Record<string, unknown>;
  baseVersion: TOpenApiVersion;
  revisionVersion: TOpenApiVersion;
  now: Date;
  emit: TEmit;
};

/** A pair of matched operations, labelled with the revision's path template. */
export type TOperationPair = { base: TOperation; revision: TOperation; label: string };

export function normBase(ctx: TDiffContext, schema: unknown): TNorm {
  return normalizeSchema(schema, ctx.baseVersion);
}

export function normRevision(ctx: TDiffContext, schema: unknown): TNorm {
  return normalizeSchema(schema, ctx.revisionVersion);
}
