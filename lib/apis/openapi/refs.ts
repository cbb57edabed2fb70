import { joinPointer, refToPointer } from "./pointer";

export type TRefSite = { pointer: string; ref: string; target: string | null };

/** Every `$ref` string in the document: where it is written and, for an internal one, its target pointer. */
export function collectRefs(doc: unknown): TRefSite[] {
  const sites: TRefSite[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, joinPointer(pointer, i)));
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      // `properties: {$ref: {...}}` names a property "$ref"; only a string value is a reference.
      if (key === "$ref" && typeof value === "string") {
        sites.push({ pointer: joinPointer(pointer, key), ref: value, target: refToPointer(value) });
      } else {
        walk(value, joinPointer(pointer, key));
      }
    }
  };
  walk(doc, "");
  return sites;
}
