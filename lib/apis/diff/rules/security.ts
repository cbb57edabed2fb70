import { joinPointer, resolvePointer } from "@/lib/apis/openapi/pointer";
import { keyOf } from "../normalize";
import type { TDiffContext, TOperationPair } from "./context";

type TRequirement = Record<string, string[]>;

/** An empty requirement list, or one containing `{}`, lets anonymous callers in. */
const isOpen = (reqs: TRequirement[] | undefined) =>
  !reqs || reqs.length === 0 || reqs.some((r) => Object.keys(r).length === 0);

/** A caller meeting `have` also meets `need` when need asks for a subset of its schemes and scopes. */
function satisfies(have: TRequirement, need: TRequirement): boolean {
  return Object.entries(need).every(
    ([scheme, scopes]) => scheme in have && scopes.every((s) => have[scheme].includes(s)),
  );
}

const describe = (r: TRequirement) =>
  Object.entries(r)
    .map(([scheme, scopes]) => (scopes.length ? `${scheme} (${scopes.join(", ")})` : scheme))
    .join(" + ") || "anonymous";

/** The operation's own `security`, else the document's, else the operation (where one would go). */
function securityPointer(doc: Record<string, unknown>, opPointer: string): string {
  if (Array.isArray(resolvePointer(doc, `${opPointer}/security`))) return `${opPointer}/security`;
  return "security" in doc ? "/security" : opPointer;
}

export function diffSecurity(ctx: TDiffContext, { base, revision, label }: TOperationPair): void {
  const b = base.security;
  const r = revision.security;
  const bPtr = securityPointer(ctx.baseDoc, base.pointer);
  const rPtr = securityPointer(ctx.revisionDoc, revision.pointer);
  if (keyOf(b ?? []) === keyOf(r ?? [])) return;
  if (isOpen(b) && !isOpen(r)) {
    ctx.emit({
      id: "api-security-added",
      message: `${label} now requires credentials: ${r!.map(describe).join(" or ")}.`,
      operation: label,
      base: bPtr,
      revision: rPtr,
    });
    return;
  }
  if (!isOpen(b) && isOpen(r)) {
    ctx.emit({
      id: "api-security-removed",
      message: `${label} no longer requires credentials.`,
      operation: label,
      base: bPtr,
      revision: rPtr,
    });
    return;
  }
  if (isOpen(b)) return;
  for (const need of b!) {
    // Still accepted if some revision requirement asks for no more than this one did.
    if (r!.some((alt) => satisfies(need, alt))) continue;
    const sameSchemes = r!.find((alt) => keyOf(Object.keys(alt).sort()) === keyOf(Object.keys(need).sort()));
    if (sameSchemes) {
      const extra = Object.entries(sameSchemes).flatMap(([scheme, scopes]) =>
        scopes.filter((s) => !need[scheme]?.includes(s)),
      );
      ctx.emit({
        id: "api-security-scope-added",
        message: `${label} now needs the scope(s) ${extra.join(", ")} with ${describe(need)}.`,
        operation: label,
        base: bPtr,
        revision: rPtr,
        fields: extra,
      });
    } else {
      ctx.emit({
        id: "api-security-requirement-removed",
        message: `${label} no longer accepts ${describe(need)}; it accepts ${r!.map(describe).join(" or ")}.`,
        operation: label,
        base: bPtr,
        revision: rPtr,
        fields: Object.keys(need),
      });
    }
  }
  for (const alt of r!) {
    if (b!.some((need) => satisfies(need, alt) && satisfies(alt, need))) continue;
    if (b!.some((need) => satisfies(need, alt))) continue;
    // Same schemes with more scopes: reported above as api-security-scope-added.
    if (b!.some((need) => keyOf(Object.keys(need).sort()) === keyOf(Object.keys(alt).sort()))) continue;
    ctx.emit({
      id: "api-security-requirement-added",
      message: `${label} also accepts ${describe(alt)}.`,
      operation: label,
      base: bPtr,
      revision: rPtr,
      fields: Object.keys(alt),
    });
  }
}

const SCHEME_FIELDS = ["type", "in", "name", "scheme", "bearerFormat", "openIdConnectUrl"];

/** Security schemes in both documents that send credentials differently. */
export function diffSecuritySchemes(ctx: TDiffContext): void {
  const schemes = (doc: Record<string, unknown>) =>
    ((doc.components as Record<string, unknown> | undefined)?.securitySchemes ?? {}) as Record<
      string,
      Record<string, unknown>
    >;
  const b = schemes(ctx.baseDoc);
  const r = schemes(ctx.revisionDoc);
  for (const [name, scheme] of Object.entries(b)) {
    const other = r[name];
    if (!other) continue;
    const changed = SCHEME_FIELDS.filter((f) => keyOf(scheme?.[f]) !== keyOf(other?.[f]));
    const flows = (s: Record<string, unknown>) =>
      keyOf(
        Object.fromEntries(
          Object.entries((s?.flows ?? {}) as Record<string, Record<string, unknown>>).map(([k, f]) => [
            k,
            { authorizationUrl: f?.authorizationUrl, tokenUrl: f?.tokenUrl },
          ]),
        ),
      );
    if (flows(scheme) !== flows(other)) changed.push("flows");
    if (!changed.length) continue;
    ctx.emit({
      id: "security-scheme-changed",
      message: `Security scheme ${name} changed how credentials are sent (${changed.join(", ")}).`,
      base: joinPointer("/components/securitySchemes", name),
      revision: joinPointer("/components/securitySchemes", name),
      fields: [name, ...changed],
    });
  }
}
