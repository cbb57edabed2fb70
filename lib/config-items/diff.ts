import diff from "microdiff";

export type TFieldChange = {
  /** Dotted path, array positions as numbers: "steps.2.config.url". */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
};

/** Field-by-field differences between two versions' documents (null: the item is new or gone). */
export function diffDocuments(before: unknown, after: unknown): TFieldChange[] {
  const a = toObject(before);
  const b = toObject(after);
  return diff(a, b).map((d) => {
    const path = d.path.join(".");
    if (d.type === "CREATE") return { path, kind: "added", after: d.value };
    if (d.type === "REMOVE") return { path, kind: "removed", before: d.oldValue };
    return { path, kind: "changed", before: d.oldValue, after: d.value };
  });
}

function toObject(value: unknown): Record<string, unknown> | unknown[] {
  if (value === null || value === undefined) return {};
  if (typeof value === "object") return value as Record<string, unknown>;
  return { value };
}
