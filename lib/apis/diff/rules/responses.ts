import { escapePointerToken } from "@/lib/apis/openapi/pointer";
import { compareSchemas } from "./schemas";
import { diffContent } from "./content";
import { normBase, normRevision, type TDiffContext, type TOperationPair } from "./context";

const isSuccess = (status: string) => /^[23]/.test(status);

type THeader = { required?: boolean; schema?: unknown };
const headerMap = (headers: Record<string, unknown> | undefined) =>
  new Map(
    Object.entries(headers ?? {}).map(([name, h]) => [name.toLowerCase(), { name, header: (h ?? {}) as THeader }]),
  );

export function diffResponses(ctx: TDiffContext, { base, revision, label }: TOperationPair): void {
  for (const [status, b] of Object.entries(base.responses)) {
    const r = revision.responses[status];
    if (!r) {
      const success = isSuccess(status);
      ctx.emit({
        id: success ? "response-success-status-removed" : "response-non-success-status-removed",
        message: `${label} no longer returns ${status}.`,
        operation: label,
        base: b.pointer,
        revision: `${revision.pointer}/responses`,
        fields: [status],
      });
      continue;
    }
    diffContent(ctx, b.content ?? {}, r.content ?? {}, {
      direction: "response",
      label,
      subject: `${status} response of ${label}`,
      removedId: "response-media-type-removed",
      addedId: "response-media-type-added",
      basePointer: b.pointer,
      revisionPointer: r.pointer,
      fields: [status],
    });
    const bh = headerMap(b.headers);
    const rh = headerMap(r.headers);
    for (const [key, { name, header }] of bh) {
      const other = rh.get(key);
      const bPtr = `${b.pointer}/headers/${escapePointerToken(name)}`;
      if (!other) {
        if (header.required)
          ctx.emit({
            id: "response-required-header-removed",
            message: `The ${status} response of ${label} no longer sends the required header ${name}.`,
            operation: label,
            base: bPtr,
            revision: r.pointer,
            fields: [name],
          });
        continue;
      }
      const rPtr = `${r.pointer}/headers/${escapePointerToken(other.name)}`;
      if (header.required && !other.header.required)
        ctx.emit({
          id: "response-header-became-optional",
          message: `Header ${name} of the ${status} response of ${label} became optional.`,
          operation: label,
          base: bPtr,
          revision: rPtr,
          fields: [name],
        });
      compareSchemas(
        normBase(ctx, header.schema ?? {}),
        normRevision(ctx, other.header.schema ?? {}),
        {
          direction: "response",
          root: "response-header",
          nested: "response-header",
          property: "response-property",
          operation: label,
          subject: `header ${other.name} of the ${status} response of ${label}`,
          fieldPrefix: [other.name],
          basePointer: `${bPtr}/schema`,
          revisionPointer: `${rPtr}/schema`,
        },
        ctx.emit,
      );
    }
  }
  for (const [status, r] of Object.entries(revision.responses)) {
    if (base.responses[status]) continue;
    ctx.emit({
      id: "response-status-added",
      message: `${label} can now return ${status}.`,
      operation: label,
      base: `${base.pointer}/responses`,
      revision: r.pointer,
      fields: [status],
    });
  }
}
