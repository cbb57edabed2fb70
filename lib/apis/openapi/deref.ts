import { joinPointer, refToPointer, resolvePointer } from "./pointer";

/** Where each object of a dereferenced copy is written in the source document (its $ref target, or in place). */
const ORIGIN = new WeakMap<object, string>();

/** The source pointer of an object produced by {@link dereference}, if it came from one. */
export function sourcePointer(node: unknown): string | undefined {
  return node && typeof node === "object" ? ORIGIN.get(node) : undefined;
}

/** True for the `{ $ref }` left where a reference would recurse into itself (a recursive schema). */
export function isCycleRef(node: unknown): node is { $ref: string } {
  return !!node && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string";
}

/**
 * A copy of the document with its internal `#/...` references replaced by what they point to. A
 * reference back into a definition being expanded (a tree of categories, a linked list) stays a
 * `{ $ref }` so the result is finite; external or dangling references stay as written (the parser
 * reports them). Sibling keys beside a `$ref` (3.1) override the target's. The input is not modified.
 */
export function dereference<T>(doc: T): T {
  const root = doc as unknown;
  const done = new Map<string, unknown>();
  const stack: string[] = [];

  const none = new Set<string>();
  const union = (a: Set<string>, b: Set<string>) => (b.size ? (a.size ? new Set([...a, ...b]) : b) : a);
  // `open`: the targets of cycle markers inside the result that are still being expanded above it.
  const visit = (node: unknown, pointer: string): { value: unknown; open: Set<string> } => {
    if (Array.isArray(node)) {
      let open = none;
      const out = node.map((item, i) => {
        const r = visit(item, joinPointer(pointer, i));
        open = union(open, r.open);
        return r.value;
      });
      ORIGIN.set(out, pointer);
      return { value: out, open };
    }
    if (!node || typeof node !== "object") return { value: node, open: none };
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") {
      const target = refToPointer(record.$ref);
      const targetValue = target === null ? undefined : resolvePointer(root, target);
      if (target === null || targetValue === undefined) return { value: { ...record }, open: none };
      const { $ref: _ref, ...siblings } = record;
      let resolved: { value: unknown; open: Set<string> };
      if (stack.includes(target)) {
        resolved = { value: { $ref: record.$ref }, open: new Set([target]) };
      } else if (done.has(target)) {
        resolved = { value: done.get(target), open: none };
      } else {
        stack.push(target);
        const inner = visit(targetValue, target);
        stack.pop();
        const open = new Set([...inner.open].filter((t) => t !== target));
        resolved = { value: inner.value, open };
        // A subtree whose markers point above it is only right below those ancestors: don't share it.
        if (!open.size) done.set(target, inner.value);
      }
      if (!Object.keys(siblings).length) return resolved;
      const extra = visit(siblings, pointer);
      const merged =
        resolved.value && typeof resolved.value === "object" && !Array.isArray(resolved.value)
          ? { ...(resolved.value as object), ...(extra.value as object) }
          : resolved.value;
      if (merged && typeof merged === "object") ORIGIN.set(merged, target);
      return { value: merged, open: union(resolved.open, extra.open) };
    }
    let open = none;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      const r = visit(value, joinPointer(pointer, key));
      open = union(open, r.open);
      out[key] = r.value;
    }
    ORIGIN.set(out, pointer);
    return { value: out, open };
  };

  return visit(root, "").value as T;
}
