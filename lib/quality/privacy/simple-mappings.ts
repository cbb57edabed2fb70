import jsonata from "jsonata";

// Field mappings of a JSONata transform, for classification propagation: which source paths each
// target path reads. Covers object constructors whose values are paths or expressions over paths
// (the shape mapping steps have); anything else yields no mapping, and propagation treats the step
// as opaque. Same shape as lib/quality/lineage's FieldMapping.

export type TFieldMapping = { target: string; sources: string[]; kind: "copy" | "derived" };

type TNode = { type: string; value?: unknown; steps?: TNode[]; lhs?: unknown; rhs?: TNode; [k: string]: unknown };

const pathOf = (n: TNode): string | null => {
  if (n.type === "name") return String(n.value);
  if (n.type === "path" && n.steps?.every((s) => s.type === "name" && !s.stages && !s.predicate))
    return n.steps.map((s) => String(s.value)).join(".");
  return null;
};

function sourcesIn(n: unknown, out: Set<string>): void {
  if (!n || typeof n !== "object") return;
  if (Array.isArray(n)) return n.forEach((c) => sourcesIn(c, out));
  const node = n as TNode;
  const p = pathOf(node);
  if (p) {
    out.add(p);
    return;
  }
  for (const v of Object.values(node)) if (v && typeof v === "object") sourcesIn(v, out);
}

function walk(n: TNode, prefix: string, out: TFieldMapping[]): void {
  if (n.type === "unary" && n.value === "{" && Array.isArray(n.lhs)) {
    for (const [k, v] of n.lhs as [TNode, TNode][]) {
      if (k.type !== "string") continue;
      const target = prefix ? `${prefix}.${String(k.value)}` : String(k.value);
      if (v.type === "unary" && v.value === "{") walk(v, target, out);
      else {
        const p = pathOf(v);
        if (p) out.push({ target, sources: [p], kind: "copy" });
        else {
          const s = new Set<string>();
          sourcesIn(v, s);
          if (s.size) out.push({ target, sources: [...s].sort(), kind: "derived" });
        }
      }
    }
    return;
  }
  const p = pathOf(n);
  if (p) out.push({ target: prefix, sources: [p], kind: "copy" });
}

/** Throws when the expression does not parse. */
export function simpleFieldMappings(expression: string): TFieldMapping[] {
  const out: TFieldMapping[] = [];
  walk(jsonata(expression).ast() as unknown as TNode, "", out);
  return out;
}
