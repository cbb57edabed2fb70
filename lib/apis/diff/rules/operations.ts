import { resolvePointer } from "@/lib/apis/openapi/pointer";
import { operationLabel, type TOperation } from "@/lib/apis/openapi/operations";
import type { TDiffContext, TOperationPair } from "./context";

/** Operations are the same when method and path shape match: `/orders/{id}` is `/orders/{orderId}`. */
export function operationKey(op: Pick<TOperation, "method" | "path">): string {
  return `${op.method} ${op.path.replace(/\{[^}]+\}/g, "{}")}`;
}

function sunsetOf(doc: Record<string, unknown>, op: TOperation): Date | null {
  const raw = (resolvePointer(doc, op.pointer) as Record<string, unknown> | undefined)?.["x-sunset"];
  if (typeof raw !== "string" && !(raw instanceof Date)) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Matches operations across the documents and reports removed, added and re-identified ones. */
export function diffOperations(ctx: TDiffContext, base: TOperation[], revision: TOperation[]): TOperationPair[] {
  const revByKey = new Map(revision.map((op) => [operationKey(op), op]));
  const baseByKey = new Map(base.map((op) => [operationKey(op), op]));
  const revPathShapes = new Set(revision.map((op) => operationKey({ method: "GET", path: op.path })));
  const pairs: TOperationPair[] = [];
  for (const op of base) {
    const match = revByKey.get(operationKey(op));
    if (match) {
      pairs.push({ base: op, revision: match, label: operationLabel(match) });
      continue;
    }
    const label = operationLabel(op);
    const pathGone = !revPathShapes.has(operationKey({ method: "GET", path: op.path }));
    if (op.deprecated) {
      const sunset = sunsetOf(ctx.baseDoc, op);
      if (sunset && sunset > ctx.now) {
        ctx.emit({
          id: "api-removed-before-sunset",
          message: `${label} was removed before its sunset date ${sunset.toISOString().slice(0, 10)}; keep it until then.`,
          operation: label,
          base: op.pointer,
          revision: "/paths",
          fields: [],
        });
      } else {
        ctx.emit({
          id: "api-removed-after-deprecation",
          message: `${label} was removed after being deprecated${sunset ? ` (sunset ${sunset.toISOString().slice(0, 10)})` : " (it had no x-sunset date)"}; callers still using it get 404.`,
          operation: label,
          base: op.pointer,
          revision: "/paths",
        });
      }
      continue;
    }
    ctx.emit({
      id: pathGone ? "api-path-removed-without-deprecation" : "api-removed-without-deprecation",
      message: pathGone
        ? `Path ${op.path} was removed (with ${label}) without being deprecated first.`
        : `${label} was removed without being deprecated first.`,
      operation: label,
      base: op.pointer,
      revision: "/paths",
    });
  }
  for (const op of revision) {
    if (baseByKey.has(operationKey(op))) continue;
    const label = operationLabel(op);
    ctx.emit({
      id: "api-operation-added",
      message: `${label} was added.`,
      operation: label,
      base: "/paths",
      revision: op.pointer,
    });
  }
  for (const { base: b, revision: r, label } of pairs) {
    if (!b.deprecated && r.deprecated)
      ctx.emit({
        id: "api-deprecated",
        message: `${label} is now deprecated.`,
        operation: label,
        base: b.pointer,
        revision: r.pointer,
      });
    if (b.deprecated && !r.deprecated)
      ctx.emit({
        id: "api-reactivated",
        message: `${label} is no longer deprecated.`,
        operation: label,
        base: b.pointer,
        revision: r.pointer,
      });
    const bId = `${b.pointer}/operationId`;
    const rId = `${r.pointer}/operationId`;
    if (b.operationId && r.operationId && b.operationId !== r.operationId)
      ctx.emit({
        id: "api-operation-id-changed",
        message: `The operationId of ${label} changed from ${b.operationId} to ${r.operationId}.`,
        operation: label,
        base: bId,
        revision: rId,
        fields: [b.operationId, r.operationId],
      });
    else if (b.operationId && !r.operationId)
      ctx.emit({
        id: "api-operation-id-removed",
        message: `The operationId ${b.operationId} of ${label} was removed.`,
        operation: label,
        base: bId,
        revision: r.pointer,
        fields: [b.operationId],
      });
    else if (!b.operationId && r.operationId)
      ctx.emit({
        id: "api-operation-id-added",
        message: `${label} got the operationId ${r.operationId}.`,
        operation: label,
        base: b.pointer,
        revision: rId,
        fields: [r.operationId],
      });
  }
  return pairs;
}
