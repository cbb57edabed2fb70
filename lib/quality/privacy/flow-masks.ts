import type { TFieldClass, TLevel, TScopeKind, TTag } from "./classification";
import { compileMasks, type TCompiledMask, type TMaskingPolicyDocument } from "./policy";
import { propagateClasses, type TMappingsOf, type TStepLike } from "./propagate";

// Which masks a flow's messages get. Classifications of the flow, of the interface it implements and
// of that interface's systems name fields of the payload the flow receives; the output side gets them
// propagated through the flow's steps. The engine (pg) and the portal (Prisma) load the rows, this
// decides, so both mask alike.

export type TClassRow = { scopeKind: TScopeKind; scopeId: string; fieldPath: string; level: TLevel; tags: string[] };
export type TFlowScope = { flowId: string; interfaceId: string | null; systemIds: string[] };

export function inputClassesFor(rows: TClassRow[], scope: TFlowScope): TFieldClass[] {
  const applies = (r: TClassRow) =>
    (r.scopeKind === "flow" && r.scopeId === scope.flowId) ||
    (r.scopeKind === "interface" && r.scopeId === scope.interfaceId) ||
    (r.scopeKind === "system" && scope.systemIds.includes(r.scopeId));
  return rows.filter(applies).map((r) => ({ path: r.fieldPath, level: r.level, tags: r.tags as TTag[] }));
}

/** Used where no policy is deployed but a view must still hide classified fields: redact them all. */
export const REDACT_ALL: TMaskingPolicyDocument = {
  key: "redact-classified",
  description: "Every classified field redacted.",
  flows: [],
  rules: [{ match: { level: "public" }, method: "redact" }],
};

export function flowMasks(input: {
  policies: TMaskingPolicyDocument[];
  flowName: string;
  steps: TStepLike[];
  inputClasses: TFieldClass[];
  side: "input" | "output";
  mappingsOf?: TMappingsOf;
}): TCompiledMask[] {
  const fields =
    input.side === "input" ? input.inputClasses : propagateClasses(input.inputClasses, input.steps, input.mappingsOf);
  return compileMasks(input.policies, input.flowName, fields);
}
