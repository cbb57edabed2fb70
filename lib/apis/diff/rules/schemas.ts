import { canonical, CONSTRAINTS, keyOf, type TConstraint, type TNorm } from "../normalize";
import type { TEmit } from "../types";

export type TDirection = "request" | "response";

/**
 * Where a schema is compared: `root` names the schema itself ("request-body"), `nested` its
 * properties' schemas ("request-property"), `property` their presence ("request-property-removed").
 */
export type TSchemaScope = {
  direction: TDirection;
  root: string;
  nested: string;
  property: string;
  operation?: string;
  /** The words for messages: "request body of", "query parameter `status` of"... */
  subject: string;
  /** Prepended to field paths in `fields` (a parameter's name). */
  fieldPrefix?: string[];
  /** Pointers used when a side has no schema pointer of its own. */
  basePointer: string | null;
  revisionPointer: string | null;
};

const SLUG: Record<TConstraint, string> = {
  maxLength: "max-length",
  minLength: "min-length",
  maximum: "maximum",
  minimum: "minimum",
  exclusiveMaximum: "exclusive-maximum",
  exclusiveMinimum: "exclusive-minimum",
  maxItems: "max-items",
  minItems: "min-items",
  maxProperties: "max-properties",
  minProperties: "min-properties",
  multipleOf: "multiple-of",
  uniqueItems: "unique-items",
  pattern: "pattern",
  format: "format",
};
const UPPER = new Set<TConstraint>(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"]);
const LOWER = new Set<TConstraint>(["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"]);

/** Formats where the new one only accepts a subset of the old (e.g. int32 values are int64 values). */
const FORMAT_SUBSET: Record<string, string[]> = { int32: ["int64"], float: ["double"], date: [], "date-time": [] };

const BOUND_PAIRS = [
  ["minimum", "exclusiveMinimum", false],
  ["maximum", "exclusiveMaximum", true],
] as const;

/** The effective lower or upper bound: the tighter of the inclusive and exclusive keyword. */
function boundOf(
  n: TNorm,
  inclusive: TConstraint,
  exclusive: TConstraint,
): { value: number; exclusive: boolean } | null {
  const inc = n.constraints[inclusive];
  const exc = n.constraints[exclusive];
  const lower = inclusive === "minimum";
  if (typeof exc === "number" && (typeof inc !== "number" || (lower ? exc >= inc : exc <= inc)))
    return { value: exc, exclusive: true };
  if (typeof inc === "number") return { value: inc, exclusive: false };
  return null;
}

type TVerdict = "tightened" | "relaxed" | "changed";

function constraintVerdict(k: TConstraint, base: unknown, rev: unknown): TVerdict | null {
  if (base === rev) return null;
  if (base === undefined) return "tightened";
  if (rev === undefined) return "relaxed";
  if (UPPER.has(k)) return (rev as number) < (base as number) ? "tightened" : "relaxed";
  if (LOWER.has(k)) return (rev as number) > (base as number) ? "tightened" : "relaxed";
  if (k === "uniqueItems") return rev ? "tightened" : "relaxed";
  if (k === "multipleOf") {
    const b = base as number;
    const r = rev as number;
    if (Number.isInteger(r / b)) return "tightened";
    if (Number.isInteger(b / r)) return "relaxed";
    return "changed";
  }
  if (k === "format") {
    if (FORMAT_SUBSET[String(rev)]?.includes(String(base))) return "tightened";
    if (FORMAT_SUBSET[String(base)]?.includes(String(rev))) return "relaxed";
  }
  return "changed";
}

const nonNull = (n: TNorm) => (n.types ? new Set([...n.types].filter((t) => t !== "null")) : null);
const accepts = (set: Set<string>, t: string) => set.has(t) || (t === "integer" && set.has("number"));
const typeList = (s: Set<string> | null) => (s ? [...s].sort().join(" | ") || "nothing" : "any type");
const describeField = (field: string[]) => (field.length ? `\`${field.join(".").replace(/\.\[\]/g, "[]")}\`` : "");

/** Compares two normalized schemas, emitting one change per difference in what they accept. */
export function compareSchemas(base: TNorm, rev: TNorm, scope: TSchemaScope, emit: TEmit): void {
  const inProgress = new Set<string>();
  // "lines[].sku": array items attach to their parent without a dot.
  const fieldName = (field: string[]) => [...(scope.fieldPrefix ?? []), ...field].join(".").replace(/\.\[\]/g, "[]");
  // The definitions being compared above, by pointer: where a recursive reference points to.
  const baseAncestors = new Map<string, TNorm>();
  const revisionAncestors = new Map<string, TNorm>();
  const walk = (b0: TNorm, r0: TNorm, field: string[]) => {
    let b = b0;
    let r = r0;
    if (b.ref || r.ref) {
      // A recursive reference: equal while the same pair of definitions is being compared above,
      // otherwise compared as the definition it points to.
      if (inProgress.has(`${b.pointer}|${r.pointer}`) || (b.ref && r.ref && b.ref === r.ref)) return;
      if (b.ref && b.pointer) b = baseAncestors.get(b.pointer) ?? b;
      if (r.ref && r.pointer) r = revisionAncestors.get(r.pointer) ?? r;
      if (b.ref && r.ref) return;
    }
    const enter = (map: Map<string, TNorm>, n: TNorm) => !!n.pointer && !map.has(n.pointer) && !!map.set(n.pointer, n);
    const addedB = enter(baseAncestors, b);
    const addedR = enter(revisionAncestors, r);
    try {
      compareNode(b, r, field);
    } finally {
      if (addedB) baseAncestors.delete(b.pointer!);
      if (addedR) revisionAncestors.delete(r.pointer!);
    }
  };
  const compareNode = (b: TNorm, r: TNorm, field: string[]) => {
    const pairKey = `${b.pointer ?? b.ref}|${r.pointer ?? r.ref}|${field.join(".")}`;
    if (canonical(b) === canonical(r)) return;
    if (inProgress.has(pairKey) || field.length > 32) return;
    inProgress.add(pairKey);
    inProgress.add(`${b.pointer}|${r.pointer}`);
    const prefix = field.length ? scope.nested : scope.root;
    const where = field.length ? `${describeField(field)} in the ${scope.subject}` : `the ${scope.subject}`;
    const at = (n: TNorm, fallback: string | null) => n.pointer ?? fallback;
    const change = (kind: string, message: string, extra: string[] = []) =>
      emit({
        id: `${prefix}-${kind}`,
        message,
        operation: scope.operation,
        base: at(b, scope.basePointer),
        revision: at(r, scope.revisionPointer),
        fields: fieldName(field) ? [fieldName(field), ...extra] : extra,
      });

    // A union against a plain schema: the plain one is the alternative it matches, compared there.
    const mixed = (["oneOf", "anyOf"] as const).some(
      (k) => !b.unions.some((u) => u.kind === k) !== !r.unions.some((u) => u.kind === k),
    );
    if (mixed) {
      compareUnions(b, r, field, where, change, walk);
      inProgress.delete(pairKey);
      return;
    }

    // Types, nullability apart.
    const bt = nonNull(b);
    const rt = nonNull(r);
    if (keyOf(bt && [...bt].sort()) !== keyOf(rt && [...rt].sort())) {
      const widened = !rt || (!!bt && [...bt].every((t) => accepts(rt, t)));
      const narrowed = !!rt && (!bt || [...rt].every((t) => accepts(bt, t)));
      const compatible = scope.direction === "request" ? widened : narrowed && !widened;
      change(
        compatible ? "type-generalized" : "type-changed",
        `The type of ${where} changed from ${typeList(bt)} to ${typeList(rt)}.`,
      );
      // An incompatible type change (e.g. array to object) is the change; its details would be noise.
      if (!compatible && !widened && !narrowed) {
        inProgress.delete(pairKey);
        return;
      }
    }
    const bNull = !b.types || b.types.has("null");
    const rNull = !r.types || r.types.has("null");
    if (!bNull && rNull) change("became-nullable", `${capital(where)} can now be null.`);
    if (bNull && !rNull && b.types) change("became-not-nullable", `${capital(where)} can no longer be null.`);

    // Enums.
    if (b.enum && r.enum) {
      const bk = new Map(b.enum.map((v) => [keyOf(v), v]));
      const rk = new Map(r.enum.map((v) => [keyOf(v), v]));
      const removed = [...bk].filter(([k]) => !rk.has(k)).map(([, v]) => v);
      const added = [...rk].filter(([k]) => !bk.has(k)).map(([, v]) => v);
      if (removed.length)
        change("enum-value-removed", `${capital(where)} no longer allows ${list(removed)}.`, removed.map(String));
      if (added.length) change("enum-value-added", `${capital(where)} now allows ${list(added)}.`, added.map(String));
    } else if (!b.enum && r.enum) {
      change("enum-added", `${capital(where)} is now restricted to ${list(r.enum)}.`);
    } else if (b.enum && !r.enum) {
      change("enum-removed", `${capital(where)} is no longer restricted to ${list(b.enum)}.`);
    }

    // Constraints.
    // A bound that moves between minimum and exclusiveMinimum (or the maxima) is one change.
    const handled = new Set<TConstraint>();
    for (const [inclusive, exclusive, upper] of BOUND_PAIRS) {
      const bb = boundOf(b, inclusive, exclusive);
      const rb = boundOf(r, inclusive, exclusive);
      if (!bb || !rb || bb.exclusive === rb.exclusive) continue;
      handled.add(inclusive).add(exclusive);
      const tighter = upper
        ? rb.value < bb.value || (rb.value === bb.value && rb.exclusive)
        : rb.value > bb.value || (rb.value === bb.value && rb.exclusive);
      const keyword = rb.exclusive ? exclusive : inclusive;
      const show = (x: { value: number; exclusive: boolean }) =>
        `${x.exclusive ? (upper ? "<" : ">") : upper ? "≤" : "≥"} ${x.value}`;
      change(
        `${SLUG[keyword]}-${tighter ? "tightened" : "relaxed"}`,
        `The bound of ${where} changed from ${show(bb)} to ${show(rb)}.`,
      );
    }
    for (const k of CONSTRAINTS) {
      if (handled.has(k)) continue;
      const verdict = constraintVerdict(k, b.constraints[k], r.constraints[k]);
      if (!verdict) continue;
      const from = b.constraints[k] === undefined ? "unset" : JSON.stringify(b.constraints[k]);
      const to = r.constraints[k] === undefined ? "unset" : JSON.stringify(r.constraints[k]);
      change(`${SLUG[k]}-${verdict}`, `\`${k}\` of ${where} changed from ${from} to ${to}.`);
    }

    // Properties.
    const names = new Set([...b.properties.keys(), ...r.properties.keys()]);
    for (const name of names) {
      const bp = b.properties.get(name);
      const rp = r.properties.get(name);
      const child = [...field, name];
      // A readOnly property never appears in a request, a writeOnly one never in a response.
      const hidden = (p?: TNorm) => !!p && (scope.direction === "request" ? p.readOnly : p.writeOnly);
      if (hidden(bp) || hidden(rp)) continue;
      const bReq = b.required.has(name);
      const rReq = r.required.has(name);
      const property = (kind: string, message: string, bPtr: string | null, rPtr: string | null) =>
        emit({
          id: `${scope.property}-${kind}`,
          message,
          operation: scope.operation,
          base: bPtr,
          revision: rPtr,
          fields: [fieldName(child)],
        });
      const name_ = describeField(child);
      if (bp && !rp) {
        const kind = scope.direction === "response" && !bReq ? "removed-optional" : "removed";
        property(
          kind,
          `Property ${name_} was removed from the ${scope.subject}.`,
          bp.pointer ?? b.pointer,
          r.pointer ?? scope.revisionPointer,
        );
        continue;
      }
      if (!bp && rp) {
        const withDefault = rp.hasDefault && scope.direction === "request";
        const kind = rReq ? (withDefault ? "added-required-with-default" : "added-required") : "added-optional";
        const note = kind === "added-required-with-default" ? " (it has a default)" : "";
        property(
          kind,
          `${rReq ? "Required" : "Optional"} property ${name_} was added to the ${scope.subject}${note}.`,
          b.pointer ?? scope.basePointer,
          rp.pointer ?? r.pointer,
        );
        continue;
      }
      if (!bp || !rp) continue;
      if (!bReq && rReq) {
        const kind =
          rp.hasDefault && scope.direction === "request" ? "became-required-with-default" : "became-required";
        property(kind, `Property ${name_} of the ${scope.subject} became required.`, bp.pointer, rp.pointer);
      } else if (bReq && !rReq) {
        property(
          "became-optional",
          `Property ${name_} of the ${scope.subject} became optional.`,
          bp.pointer,
          rp.pointer,
        );
      }
      walk(bp, rp, child);
    }
    // Required names without a property definition (e.g. an untyped object requiring "id").
    for (const name of r.required) {
      if (names.has(name) || b.required.has(name)) continue;
      emit({
        id: `${scope.property}-became-required`,
        message: `Property \`${[...field, name].join(".")}\` of the ${scope.subject} became required.`,
        operation: scope.operation,
        base: b.pointer ?? scope.basePointer,
        revision: r.pointer ?? scope.revisionPointer,
        fields: [fieldName([...field, name])],
      });
    }

    // Additional properties.
    const ba = b.additional;
    const ra = r.additional;
    if (typeof ba !== "object" || typeof ra !== "object") {
      const open = (a: TNorm["additional"]) => a === undefined || a === true;
      if (open(ba) && !open(ra))
        change("additional-properties-tightened", `${capital(where)} no longer allows undeclared properties.`);
      else if (!open(ba) && open(ra))
        change("additional-properties-relaxed", `${capital(where)} now allows undeclared properties.`);
      else if (ba === false && typeof ra === "object")
        change("additional-properties-relaxed", `${capital(where)} now allows undeclared properties.`);
    } else {
      walk(ba, ra, [...field, "*"]);
    }
    if (b.items && r.items) walk(b.items, r.items, [...field, "[]"]);

    // Unions (oneOf/anyOf): alternatives are matched by what they accept, then by definition or title.
    compareUnions(b, r, field, where, change, walk);
    inProgress.delete(pairKey);
  };
  walk(base, rev, []);
}

function compareUnions(
  b: TNorm,
  r: TNorm,
  field: string[],
  where: string,
  change: (kind: string, message: string, extra?: string[]) => void,
  walk: (b: TNorm, r: TNorm, field: string[]) => void,
): void {
  for (const kind of ["oneOf", "anyOf"] as const) {
    const slug = kind === "oneOf" ? "one-of" : "any-of";
    const bu = b.unions.find((u) => u.kind === kind);
    const ru = r.unions.find((u) => u.kind === kind);
    if (!bu && !ru) continue;
    // A plain schema against a union is a union of one: the alternative that matches it.
    const bm = bu?.members ?? [stripUnions(b)];
    const rm = ru?.members ?? [stripUnions(r)];
    const pairs = matchMembers(bm, rm);
    const matchedB = new Set(pairs.map(([i]) => i));
    const matchedR = new Set(pairs.map(([, j]) => j));
    bm.forEach((m, i) => {
      if (!matchedB.has(i))
        change(`${slug}-removed`, `A ${kind} alternative of ${where} was removed (${memberName(m, i)}).`, [
          memberName(m, i),
        ]);
    });
    rm.forEach((m, j) => {
      if (!matchedR.has(j))
        change(`${slug}-added`, `A ${kind} alternative was added to ${where} (${memberName(m, j)}).`, [
          memberName(m, j),
        ]);
    });
    for (const [i, j] of pairs) walk(bm[i], rm[j], [...field, `${kind}[${memberName(rm[j], j)}]`].filter(Boolean));
  }
}

function stripUnions(n: TNorm): TNorm {
  return { ...n, unions: [] };
}

function memberName(m: TNorm, i: number): string {
  const tail = m.pointer?.match(/\/components\/schemas\/([^/]+)$/)?.[1];
  if (tail) return tail.replace(/~1/g, "/").replace(/~0/g, "~");
  return `#${i}`;
}

/** Pairs of (base index, revision index): equal schemas first, then the same component name, then position. */
function matchMembers(bm: TNorm[], rm: TNorm[]): [number, number][] {
  const pairs: [number, number][] = [];
  const freeB = new Set(bm.keys());
  const freeR = new Set(rm.keys());
  const take = (test: (x: TNorm, y: TNorm) => boolean) => {
    for (const i of [...freeB])
      for (const j of [...freeR])
        if (freeB.has(i) && freeR.has(j) && test(bm[i], rm[j])) {
          pairs.push([i, j]);
          freeB.delete(i);
          freeR.delete(j);
        }
  };
  take((x, y) => canonical(x) === canonical(y));
  take((x, y) => {
    const a = memberName(x, -1);
    return a !== "#-1" && a === memberName(y, -1);
  });
  // Same discriminating shape: same single type and same enum-constant of a shared property.
  take((x, y) => discriminant(x) !== null && discriminant(x) === discriminant(y));
  return pairs;
}

/** A key that identifies a union member across documents: its type plus any single-valued enum property. */
function discriminant(n: TNorm): string | null {
  for (const [name, p] of n.properties) if (p.enum?.length === 1) return `${name}=${keyOf(p.enum[0])}`;
  return null;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function list(values: unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}
