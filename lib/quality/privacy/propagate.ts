import { maxLevel, type TFieldClass, type TTag } from "./classification";
import { jsonataFieldMappings, type FieldMapping } from "@/lib/quality/lineage/jsonata-fields";

// Classifications follow field lineage: a field a mapping copies or derives from a classified field is
// classified too (highest level, union of tags), through every step of a flow, until a mask step masks
// it. Steps that keep the body (filter, route, validate, dedupe, enrich) keep the classifications.

export type TStepLike = { use: string; config?: Record<string, unknown> };
export type TMappingsOf = (expression: string) => FieldMapping[];

const norm = (path: string) => path.replace(/\[\]/g, "");
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

function merge(into: Map<string, TFieldClass>, path: string, from: TFieldClass[]): void {
  if (!from.length) return;
  const prev = into.get(path);
  const all = prev ? [prev, ...from] : from;
  into.set(path, {
    path,
    level: all.map((c) => c.level).reduce(maxLevel),
    tags: [...new Set(all.flatMap((c) => c.tags))].sort() as TTag[],
  });
}

/** Paths a mask step masks (lib/engine/components/quality/mask.ts config), normalized. */
function maskedBy(step: TStepLike): string[] {
  const fields = step.config?.fields;
  return Array.isArray(fields)
    ? fields.map((f) => (f && typeof f === "object" ? norm(String((f as { path?: unknown }).path ?? "")) : ""))
    : [];
}

/** The classifications of the fields a flow's outputs receive, from those of its input. */
export function propagateClasses(
  input: TFieldClass[],
  steps: TStepLike[],
  mappingsOf: TMappingsOf = jsonataFieldMappings,
): TFieldClass[] {
  let cur = new Map<string, TFieldClass>();
  for (const c of input) merge(cur, norm(c.path), [c]);
  for (const step of steps) {
    if (step.use === "mask") {
      const masked = maskedBy(step);
      cur = new Map([...cur].filter(([p]) => !masked.some((m) => under(p, m))));
    } else if (step.use === "transform_jsonata") {
      let mappings: FieldMapping[] | null;
      try {
        mappings = mappingsOf(String(step.config?.expression ?? ""));
      } catch {
        mappings = null;
      }
      if (!mappings?.length) continue; // opaque: keep what we know rather than lose a classification
      const next = new Map<string, TFieldClass>();
      for (const m of mappings) {
        const target = norm(m.target);
        for (const source of m.sources.map(norm)) {
          // The source itself or a classified ancestor of it…
          merge(
            next,
            target,
            [...cur].filter(([p]) => under(source, p)).map(([, c]) => c),
          );
          // …and classified fields below a copied object move under the target.
          for (const [p, c] of cur)
            if (p.startsWith(`${source}.`))
              merge(next, target ? `${target}${p.slice(source.length)}` : p.slice(source.length + 1), [c]);
        }
      }
      cur = next;
    } else if (step.use === "split") {
      const at = norm(String(step.config?.path ?? "$"));
      if (at === "$" || !/^[A-Za-z_][\w.]*$/.test(at)) continue;
      const next = new Map<string, TFieldClass>();
      for (const [p, c] of cur) if (p.startsWith(`${at}.`)) merge(next, p.slice(at.length + 1), [c]);
      cur = next;
    }
  }
  return [...cur.values()].map((c) => ({ ...c }));
}
