import type { TMediaContent } from "@/lib/apis/openapi/operations";
import { escapePointerToken } from "@/lib/apis/openapi/pointer";
import { compareSchemas, type TDirection } from "./schemas";
import { normBase, normRevision, type TDiffContext } from "./context";

/** Media types match ignoring case and parameters (`application/json; charset=utf-8` is `application/json`). */
const mediaKey = (type: string) => type.split(";")[0].trim().toLowerCase();

type TContentScope = {
  direction: TDirection;
  label: string;
  /** "request body of GET /x", "200 response of GET /x" */
  subject: string;
  removedId: string;
  addedId: string;
  basePointer: string;
  revisionPointer: string;
  fields?: string[];
};

/** Compares the media types of a body and, for those in both, their schemas. */
export function diffContent(
  ctx: TDiffContext,
  base: TMediaContent,
  revision: TMediaContent,
  scope: TContentScope,
): void {
  const b = new Map(Object.entries(base).map(([type, media]) => [mediaKey(type), { type, media }]));
  const r = new Map(Object.entries(revision).map(([type, media]) => [mediaKey(type), { type, media }]));
  const at = (pointer: string, type: string) => `${pointer}/content/${escapePointerToken(type)}`;
  for (const [key, { type, media }] of b) {
    const other = r.get(key);
    if (!other) {
      ctx.emit({
        id: scope.removedId,
        message: `The ${scope.subject} no longer has media type ${type}.`,
        operation: scope.label,
        base: at(scope.basePointer, type),
        revision: scope.revisionPointer,
        fields: [...(scope.fields ?? []), type],
      });
      continue;
    }
    if (media.schema === undefined && other.media.schema === undefined) continue;
    const isRequest = scope.direction === "request";
    compareSchemas(
      normBase(ctx, media.schema ?? {}),
      normRevision(ctx, other.media.schema ?? {}),
      {
        direction: scope.direction,
        root: isRequest ? "request-body" : "response-body",
        nested: isRequest ? "request-property" : "response-property",
        property: isRequest ? "request-property" : "response-property",
        operation: scope.label,
        subject: `${scope.subject} (${other.type})`,
        basePointer: `${at(scope.basePointer, type)}/schema`,
        revisionPointer: `${at(scope.revisionPointer, other.type)}/schema`,
      },
      ctx.emit,
    );
  }
  for (const [key, { type }] of r) {
    if (b.has(key)) continue;
    ctx.emit({
      id: scope.addedId,
      message: `The ${scope.subject} now has media type ${type}.`,
      operation: scope.label,
      base: scope.basePointer,
      revision: at(scope.revisionPointer, type),
      fields: [...(scope.fields ?? []), type],
    });
  }
}
