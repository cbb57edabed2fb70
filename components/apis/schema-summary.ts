// Reads a (dereferenced) OpenAPI 3.0/3.1 schema object for display. Pure, so it is unit-tested apart.

export type TSchema = Record<string, unknown>;
export const isSchema = (v: unknown): v is TSchema => !!v && typeof v === "object" && !Array.isArray(v);

/** The `{ $ref }` the dereferencer leaves where a schema recurses into itself. */
export function recursiveRefName(schema: TSchema): string | null {
  if (typeof schema.$ref !== "string") return null;
  return schema.$ref.split("/").pop() ?? schema.$ref;
}

/** 3.0's `nullable: true` or 3.1's `type: [..., "null"]`. */
export function isNullable(schema: TSchema): boolean {
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return true;
  const variants = [schema.oneOf, schema.anyOf].filter(Array.isArray).flat() as unknown[];
  return variants.some((v) => isSchema(v) && (v.type === "null" || (v.enum as unknown[] | undefined)?.includes(null)));
}

/** "string (date-time)", "array of Order", "object", "integer | string", "any". */
export function typeLabel(schema: TSchema): string {
  const ref = recursiveRefName(schema);
  if (ref) return ref;
  const types = (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []).filter(
    (t) => t !== "null",
  ) as string[];
  let base: string;
  if (types.length === 0) {
    if (schema.properties) base = "object";
    else if (schema.items) base = "array";
    else if (schema.oneOf) base = "one of";
    else if (schema.anyOf) base = "any of";
    else if (schema.allOf) base = "all of";
    else if (schema.enum) base = "enum";
    else if ("const" in schema) base = "constant";
    else base = "any";
  } else base = types.join(" | ");
  if (types.length === 1 && types[0] === "array" && isSchema(schema.items)) {
    base = `array of ${typeLabel(schema.items)}`;
  }
  const title = typeof schema.title === "string" && base === "object" ? schema.title : null;
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  return `${title ?? base}${format}`;
}

/** The constraints worth showing, in words: "1–64 characters", "≥ 0", "pattern ^[A-Z]+$". */
export function constraints(schema: TSchema): string[] {
  const out: string[] = [];
  const n = (k: string) => (typeof schema[k] === "number" ? (schema[k] as number) : undefined);
  const range = (min?: number, max?: number, unit = "") => {
    if (min !== undefined && max !== undefined)
      out.push(min === max ? `exactly ${min}${unit}` : `${min}–${max}${unit}`);
    else if (min !== undefined) out.push(`at least ${min}${unit}`);
    else if (max !== undefined) out.push(`at most ${max}${unit}`);
  };
  range(n("minLength"), n("maxLength"), " characters");
  range(n("minItems"), n("maxItems"), " items");
  range(n("minProperties"), n("maxProperties"), " properties");
  const min = n("minimum");
  const max = n("maximum");
  const exMin = schema.exclusiveMinimum === true ? min : n("exclusiveMinimum");
  const exMax = schema.exclusiveMaximum === true ? max : n("exclusiveMaximum");
  if (exMin !== undefined) out.push(`> ${exMin}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  if (exMax !== undefined) out.push(`< ${exMax}`);
  else if (max !== undefined) out.push(`≤ ${max}`);
  if (n("multipleOf") !== undefined) out.push(`multiple of ${n("multipleOf")}`);
  if (typeof schema.pattern === "string") out.push(`pattern ${schema.pattern}`);
  if (schema.uniqueItems === true) out.push("unique items");
  if (schema.readOnly === true) out.push("read-only");
  if (schema.writeOnly === true) out.push("write-only");
  return out;
}

/** Example values: 3.1 `examples` (an array), 3.0 `example`, then the default. */
export function examples(schema: TSchema): unknown[] {
  if (Array.isArray(schema.examples)) return schema.examples;
  if ("example" in schema) return [schema.example];
  return [];
}

export type TSchemaChild = {
  name: string;
  schema: TSchema;
  required: boolean;
  kind: "property" | "item" | "variant" | "extra";
};

/** What a node expands into: properties, array items, oneOf/anyOf/allOf variants, additionalProperties. */
export function children(schema: TSchema): TSchemaChild[] {
  if (recursiveRefName(schema)) return [];
  const out: TSchemaChild[] = [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  if (isSchema(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      if (isSchema(child)) out.push({ name, schema: child, required: required.has(name), kind: "property" });
    }
  }
  if (isSchema(schema.items)) {
    const items = schema.items;
    // "array of Order" already names it; expand the item's own members directly when it has some.
    if (isSchema(items.properties) || items.oneOf || items.anyOf || items.allOf) {
      out.push({ name: "[item]", schema: items, required: false, kind: "item" });
    }
  }
  for (const [key, label] of [
    ["allOf", "all of"],
    ["oneOf", "one of"],
    ["anyOf", "any of"],
  ] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    list.forEach((v, i) => {
      if (isSchema(v) && v.type !== "null") {
        out.push({ name: `${label} #${i + 1}`, schema: v, required: false, kind: "variant" });
      }
    });
  }
  if (isSchema(schema.additionalProperties)) {
    out.push({ name: "[any key]", schema: schema.additionalProperties, required: false, kind: "extra" });
  }
  return out;
}

/** Shows a JSON value on one line, cut at `max` characters. */
export function inlineJson(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
