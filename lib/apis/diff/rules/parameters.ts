import type { TOperationParameter } from "@/lib/apis/openapi/operations";
import { compareSchemas } from "./schemas";
import { normBase, normRevision, type TDiffContext, type TOperationPair } from "./context";

const DEFAULT_STYLE: Record<string, string> = { query: "form", cookie: "form", path: "simple", header: "simple" };

function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** Path parameters are identified by their place in the template, the others by location and name. */
function keyed(params: TOperationParameter[], path: string): Map<string, TOperationParameter> {
  const names = templateNames(path);
  return new Map(
    params.map((p) => {
      if (p.in === "path" && names.includes(p.name)) return [`path#${names.indexOf(p.name)}`, p];
      return [`${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`, p];
    }),
  );
}

const hasDefault = (p: TOperationParameter) => !!p.schema && typeof p.schema === "object" && "default" in p.schema;

const serialization = (p: TOperationParameter) => {
  const style = p.style ?? DEFAULT_STYLE[p.in];
  return `${style}/${p.explode ?? style === "form"}`;
};

export function diffParameters(ctx: TDiffContext, { base, revision, label }: TOperationPair): void {
  const b = keyed(base.parameters, base.path);
  const r = keyed(revision.parameters, revision.path);
  for (const [key, bp] of b) {
    const rp = r.get(key);
    const what = `${bp.in} parameter \`${bp.name}\``;
    if (!rp) {
      ctx.emit({
        id: "request-parameter-removed",
        message: `The ${what} of ${label} was removed.`,
        operation: label,
        base: bp.pointer,
        revision: revision.pointer,
        fields: [bp.name],
      });
      continue;
    }
    if (bp.in === "path" && bp.name !== rp.name)
      ctx.emit({
        id: "request-path-parameter-renamed",
        message: `The path parameter \`${bp.name}\` of ${label} was renamed to \`${rp.name}\`.`,
        operation: label,
        base: bp.pointer,
        revision: rp.pointer,
        fields: [bp.name, rp.name],
      });
    if (!bp.required && rp.required) {
      const id = hasDefault(rp)
        ? "request-parameter-became-required-with-default"
        : "request-parameter-became-required";
      ctx.emit({
        id,
        message: `The ${what} of ${label} became required.`,
        operation: label,
        base: bp.pointer,
        revision: rp.pointer,
        fields: [rp.name],
      });
    } else if (bp.required && !rp.required) {
      ctx.emit({
        id: "request-parameter-became-optional",
        message: `The ${what} of ${label} became optional.`,
        operation: label,
        base: bp.pointer,
        revision: rp.pointer,
        fields: [rp.name],
      });
    }
    if (serialization(bp) !== serialization(rp))
      ctx.emit({
        id: "request-parameter-serialization-changed",
        message: `The ${what} of ${label} is serialized differently (style/explode ${serialization(bp)} → ${serialization(rp)}).`,
        operation: label,
        base: bp.pointer,
        revision: rp.pointer,
        fields: [rp.name],
      });
    if (!bp.deprecated && rp.deprecated)
      ctx.emit({
        id: "request-parameter-deprecated",
        message: `The ${what} of ${label} is now deprecated.`,
        operation: label,
        base: bp.pointer,
        revision: rp.pointer,
        fields: [rp.name],
      });
    compareSchemas(
      normBase(ctx, bp.schema),
      normRevision(ctx, rp.schema),
      {
        direction: "request",
        root: "request-parameter",
        nested: "request-parameter",
        property: "request-parameter-property",
        operation: label,
        subject: `${bp.in} parameter \`${rp.name}\` of ${label}`,
        fieldPrefix: [rp.name],
        basePointer: `${bp.pointer}/schema`,
        revisionPointer: `${rp.pointer}/schema`,
      },
      ctx.emit,
    );
  }
  for (const [key, rp] of r) {
    if (b.has(key)) continue;
    const what = `${rp.in} parameter \`${rp.name}\``;
    const id = !rp.required
      ? "request-parameter-added-optional"
      : hasDefault(rp)
        ? "request-parameter-added-required-with-default"
        : "request-parameter-added-required";
    ctx.emit({
      id,
      message: `${rp.required ? "A required" : "An optional"} ${what} was added to ${label}${id.endsWith("with-default") ? " (it has a default)" : ""}.`,
      operation: label,
      base: base.pointer,
      revision: rp.pointer,
      fields: [rp.name],
    });
  }
}
