// Reads a lineage path (a.b, lines[].sku) from a stored payload the way JSONata navigates: a step over
// an array maps over its elements and the results are flattened. Returns undefined when absent.

export function valueAt(body: unknown, path: string): unknown {
  if (path === "") return body;
  let cur: unknown[] = [body];
  let mapped = false;
  for (const seg of path.replace(/\[\]/g, "").split(".")) {
    if (!seg) continue;
    const next: unknown[] = [];
    for (const v of cur) {
      const items = Array.isArray(v) ? ((mapped = true), v) : [v];
      for (const item of items) {
        if (item && typeof item === "object" && !Array.isArray(item) && Object.hasOwn(item, seg)) {
          const x = (item as Record<string, unknown>)[seg];
          if (Array.isArray(x) && !path.includes("[]")) next.push(x);
          else if (Array.isArray(x)) next.push(...x.map((e) => e));
          else next.push(x);
        }
      }
    }
    cur = next;
  }
  if (!cur.length) return undefined;
  return cur.length === 1 && !mapped ? cur[0] : cur;
}

/** A stored payload as a value: JSON when it parses, else the text itself. */
export function parsePayload(text: string | null): { retained: boolean; body: unknown } {
  if (text === null) return { retained: false, body: undefined };
  try {
    return { retained: true, body: JSON.parse(text) };
  } catch {
    return { retained: true, body: text };
  }
}
