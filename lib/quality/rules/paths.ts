// Field paths in rules: dotted names, `[]` after a name for every element of that array
// (`lines[].sku`). A resolved path names the element it reached (`lines[2].sku`), so a violation says
// exactly which value failed.

export type TPathSegment = { name: string; each: boolean };

const SEGMENT = /^[A-Za-z_$][\w$-]*(\[\])?$/;

/** Splits `a.b[].c` into segments; throws with what to fix when the path is malformed. */
export function parseFieldPath(path: string): TPathSegment[] {
  const parts = path.split(".");
  return parts.map((part) => {
    if (!SEGMENT.test(part))
      throw new Error(
        `"${path}" is not a field path: use names separated by dots, with [] after an array's name (e.g. lines[].sku)`,
      );
    const each = part.endsWith("[]");
    return { name: each ? part.slice(0, -2) : part, each };
  });
}

/** One value a path reached: its concrete path, the indices taken at each `[]`, and the value (undefined when absent). */
export type TResolved = { path: string; indices: number[]; value: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Every value the path reaches in the record. An absent step yields one entry with value undefined (so
 * `required` can report it); an array step over a missing or empty array yields no entries.
 */
export function resolvePath(record: unknown, segments: TPathSegment[], fixed: number[] = []): TResolved[] {
  const out: TResolved[] = [];
  const walk = (value: unknown, i: number, path: string, indices: number[]) => {
    if (i === segments.length) return void out.push({ path, indices, value });
    const seg = segments[i];
    const next = isObject(value) ? value[seg.name] : undefined;
    const here = path ? `${path}.${seg.name}` : seg.name;
    if (!seg.each) return walk(next, i + 1, here, indices);
    // Not an array: nothing to check per element (a type rule on the array itself reports it).
    if (!Array.isArray(next)) return;
    const at = fixed[indices.length];
    if (at !== undefined) return walk(next[at], i + 1, `${here}[${at}]`, [...indices, at]);
    next.forEach((el, k) => walk(el, i + 1, `${here}[${k}]`, [...indices, k]));
  };
  walk(record, 0, "", []);
  return out;
}
