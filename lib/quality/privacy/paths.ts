// Field paths as classifications and policies name them: dot-separated keys, `[]` for every element of
// an array, `*` for every key of an object. "customer.email", "lines[].card", "contacts[].*.phone".

export type TPathSegment = { key: string } | { each: true } | { any: true };

const SEGMENT = /^[^.[\]]+$/;

export function parsePath(path: string): TPathSegment[] {
  const out: TPathSegment[] = [];
  for (const raw of path.split(".")) {
    let part = raw;
    const arrays: TPathSegment[] = [];
    while (part.endsWith("[]")) {
      part = part.slice(0, -2);
      arrays.push({ each: true });
    }
    if (part === "*") out.push({ any: true });
    else if (part && SEGMENT.test(part)) out.push({ key: part });
    else if (part || !arrays.length) throw new Error(`"${path}" is not a field path (use a.b, a[].b or a.*.b).`);
    out.push(...arrays);
  }
  return out;
}

export function isFieldPath(path: string): boolean {
  try {
    return parsePath(path).length > 0;
  } catch {
    return false;
  }
}

/**
 * Replaces every value the path reaches with fn(value), copying only the containers on the way (the
 * input is never mutated). Missing keys are left alone; objects and arrays at the end are not leaves.
 */
export function mapPath(root: unknown, segments: TPathSegment[], fn: (value: unknown) => unknown): unknown {
  if (!segments.length) return root === null || typeof root === "object" ? root : fn(root);
  if (root === null || typeof root !== "object") return root;
  const [head, ...rest] = segments;
  if ("each" in head) {
    if (!Array.isArray(root)) return root;
    let changed = false;
    const next = root.map((item) => {
      const v = mapPath(item, rest, fn);
      if (v !== item) changed = true;
      return v;
    });
    return changed ? next : root;
  }
  // A key on an array means the key of each element, as JSONata reads "lines.sku".
  if (Array.isArray(root)) return mapPath(root, [{ each: true }, ...segments], fn);
  const obj = root as Record<string, unknown>;
  const keys = "any" in head ? Object.keys(obj) : Object.hasOwn(obj, head.key) ? [head.key] : [];
  let copy: Record<string, unknown> | null = null;
  for (const k of keys) {
    const v = mapPath(obj[k], rest, fn);
    if (v !== obj[k]) (copy ??= { ...obj })[k] = v;
  }
  return copy ?? root;
}

/** Every scalar leaf of a JSON value with its path in the same notation ("lines[].sku"). */
export function leafPaths(root: unknown, prefix = ""): { path: string; value: unknown }[] {
  if (Array.isArray(root)) return root.flatMap((item) => leafPaths(item, `${prefix}[]`));
  if (root !== null && typeof root === "object")
    return Object.entries(root as Record<string, unknown>).flatMap(([k, v]) =>
      leafPaths(v, prefix ? `${prefix}.${k}` : k),
    );
  return prefix ? [{ path: prefix, value: root }] : [];
}
