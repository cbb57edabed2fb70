import type { TRuleCheckName } from "@/lib/quality/rules/constants";

/** A rule as the editor's form holds it: every input as text. */
export type TRuleDraft = {
  id: string;
  field: string;
  check: TRuleCheckName;
  severity: "error" | "warning";
  message: string;
  type: string;
  format: string;
  pattern: string;
  min: string;
  max: string;
  values: string;
  expression: string;
  entity: string;
  attribute: string;
  whenField: string;
  whenOp: "" | "equals" | "in" | "present" | "absent";
  whenValue: string;
};

export const EMPTY_DRAFT: TRuleDraft = {
  id: "",
  field: "",
  check: "required",
  severity: "error",
  message: "",
  type: "string",
  format: "email",
  pattern: "",
  min: "",
  max: "",
  values: "",
  expression: "",
  entity: "",
  attribute: "",
  whenField: "",
  whenOp: "",
  whenValue: "",
};

/** `1` and `true` are a number and a boolean; anything else (or "quoted") is text. */
function scalar(text: string): string | number | boolean {
  const t = text.trim();
  try {
    const v: unknown = JSON.parse(t);
    if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  } catch {
    // plain text
  }
  return t;
}
const show = (v: unknown) => (typeof v === "string" && !/^(-?\d|true$|false$|")/.test(v) ? v : JSON.stringify(v));
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const str = (s: string) => (s.trim() === "" ? undefined : s.trim());

/** The document's rule for a draft (the server validates it and names what to fix). */
export function toRule(d: TRuleDraft): Record<string, unknown> {
  const rule: Record<string, unknown> = {
    id: d.id.trim(),
    field: d.field.trim(),
    check: d.check,
    severity: d.severity,
  };
  if (d.message.trim()) rule.message = d.message.trim();
  if (d.whenOp && d.whenField.trim()) {
    const field = d.whenField.trim();
    rule.when =
      d.whenOp === "present" || d.whenOp === "absent"
        ? { field, present: d.whenOp === "present" }
        : d.whenOp === "in"
          ? {
              field,
              in: d.whenValue
                .split(",")
                .filter((v) => v.trim())
                .map(scalar),
            }
          : { field, equals: scalar(d.whenValue) };
  }
  const params: Record<TRuleCheckName, () => Record<string, unknown>> = {
    required: () => ({}),
    type: () => ({ type: d.type }),
    format: () => ({ format: d.format }),
    pattern: () => ({ pattern: d.pattern }),
    range: () => ({ min: num(d.min), max: num(d.max) }),
    length: () => ({ min: num(d.min), max: num(d.max) }),
    date_range: () => ({ min: str(d.min), max: str(d.max) }),
    enum: () => ({
      values: d.values
        .split("\n")
        .filter((v) => v.trim())
        .map(scalar),
    }),
    expression: () => ({ expression: d.expression }),
    lookup: () => ({ entity: d.entity.trim(), attribute: d.attribute.trim() }),
  };
  for (const [k, v] of Object.entries(params[d.check]())) if (v !== undefined) rule[k] = v;
  return rule;
}

/** A stored rule back into the form. */
export function toDraft(rule: Record<string, unknown>): TRuleDraft {
  const r = rule as Record<string, unknown> & { when?: Record<string, unknown> };
  const when = r.when;
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    ...EMPTY_DRAFT,
    id: text(r.id),
    field: text(r.field),
    check: r.check as TRuleCheckName,
    severity: r.severity === "warning" ? "warning" : "error",
    message: text(r.message),
    type: text(r.type) || EMPTY_DRAFT.type,
    format: text(r.format) || EMPTY_DRAFT.format,
    pattern: text(r.pattern),
    min: text(r.min),
    max: text(r.max),
    values: Array.isArray(r.values) ? r.values.map(show).join("\n") : "",
    expression: text(r.expression),
    entity: text(r.entity),
    attribute: text(r.attribute),
    whenField: when ? text(when.field) : "",
    whenOp: !when
      ? ""
      : when.present !== undefined
        ? when.present
          ? "present"
          : "absent"
        : Array.isArray(when.in)
          ? "in"
          : "equals",
    whenValue: !when
      ? ""
      : Array.isArray(when.in)
        ? when.in.map(show).join(", ")
        : when.equals !== undefined
          ? show(when.equals)
          : "",
  };
}

/** One line saying what the rule checks, for the list. */
export function describeRule(rule: Record<string, unknown>): string {
  const r = rule;
  const when = r.when as { field: string; equals?: unknown; in?: unknown[]; present?: boolean } | undefined;
  const cond = when
    ? ` when ${when.field} ${when.present !== undefined ? (when.present ? "is present" : "is absent") : when.in ? `in ${when.in.map(show).join(", ")}` : `= ${show(when.equals)}`}`
    : "";
  const what: Record<string, () => string> = {
    required: () => "required",
    type: () => `is ${String(r.type)}`,
    format: () => `format ${String(r.format)}`,
    pattern: () => `matches ${String(r.pattern)}`,
    range: () => `number in [${r.min ?? "…"}, ${r.max ?? "…"}]`,
    length: () => `length in [${r.min ?? 0}, ${r.max ?? "…"}]`,
    date_range: () => `date in [${r.min ?? "…"}, ${r.max ?? "…"}]`,
    enum: () => `one of ${(r.values as unknown[]).map(show).join(", ")}`,
    expression: () => `satisfies ${String(r.expression)}`,
    lookup: () => `known ${String(r.entity)}.${String(r.attribute)}`,
  };
  return `${what[String(r.check)]?.() ?? String(r.check)}${cond}`;
}
