import { diffContent } from "./content";
import type { TDiffContext, TOperationPair } from "./context";

export function diffRequestBodies(ctx: TDiffContext, { base, revision, label }: TOperationPair): void {
  const b = base.requestBody;
  const r = revision.requestBody;
  if (!b && !r) return;
  if (!b && r) {
    ctx.emit({
      id: r.required ? "request-body-added-required" : "request-body-added-optional",
      message: `${label} now takes ${r.required ? "a required" : "an optional"} request body.`,
      operation: label,
      base: base.pointer,
      revision: r.pointer,
    });
    return;
  }
  if (b && !r) {
    ctx.emit({
      id: "request-body-removed",
      message: `${label} no longer takes a request body.`,
      operation: label,
      base: b.pointer,
      revision: revision.pointer,
    });
    return;
  }
  if (!b || !r) return;
  if (!b.required && r.required)
    ctx.emit({
      id: "request-body-became-required",
      message: `The request body of ${label} became required.`,
      operation: label,
      base: b.pointer,
      revision: r.pointer,
    });
  if (b.required && !r.required)
    ctx.emit({
      id: "request-body-became-optional",
      message: `The request body of ${label} became optional.`,
      operation: label,
      base: b.pointer,
      revision: r.pointer,
    });
  diffContent(ctx, b.content, r.content, {
    direction: "request",
    label,
    subject: `request body of ${label}`,
    removedId: "request-body-media-type-removed",
    addedId: "request-body-media-type-added",
    basePointer: b.pointer,
    revisionPointer: r.pointer,
  });
}
