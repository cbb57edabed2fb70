import { FORMAT_LABELS, matchesFormat } from "./formats";
import { ZRuleSetDocument, type TRule, type TRuleSetDocument, type TScalar } from "./document";
import { parseFieldPath, resolvePath, type TPathSegment } from "./paths";
import { compileRegex } from "./regex";

/** The engine's JSONata evaluator (lib/engine/core/contracts Evaluator), structurally. */
export type TRuleEvaluator = {
  evaluate(expression: string, input: unknown, bindings?: Record<string, unknown>): Promise<unknown>;
};
/** The master-data lookup (lib/engine/core/quality MasterDataDeps.exists), structurally. */
export type TMasterDataLookup = { exists(entity: string, attribute: string, value: unknown): Promise<boolean> };

/** A failed rule on one value; same shape as the engine's TViolation plus the rule's severity. */
export type TRuleViolation = {
  ruleId: string;
  field: string;
  value: unknown;
  message: string;
  severity: "error" | "warning";
};

export type TCompileOptions = {
  /** Needed by expression rules. */
  evaluator?: TRuleEvaluator;
  /** Needed by lookup rules; without it they are skipped and listed in `unchecked` (impact preview). */
  masterData?: TMasterDataLookup;
  now?: () => number;
};

type TTest = (value: unknown, record: unknown) => boolean | Promise<boolean>;
type TCompiledRule = {
  rule: TRule;
  segments: TPathSegment[];
  when?: { segments: TPathSegment[]; holds: (v: unknown) => boolean };
  test: TTest;
  /** Absent values pass every check but `required` (make a field required with its own rule). */
  isRequired: boolean;
  reason: string;
};

export type TCompiledRuleSet = {
  document: TRuleSetDocument;
  rules: TCompiledRule[];
  /** Rules that cannot run here (lookups without master data). */
  unchecked: string[];
};

const isAbsent = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const DAY_MS = 86_400_000;

/** A date_range bound in ms: an ISO date/date-time, or today ± days at UTC midnight. */
function dateBound(bound: string, now: () => number): number {
  const rel = /^today(?:([+-])(\d+)d)?$/.exec(bound);
  if (!rel) return Date.parse(bound);
  const today = Math.floor(now() / DAY_MS) * DAY_MS;
  return today + (rel[1] === "-" ? -1 : 1) * Number(rel[2] ?? 0) * DAY_MS;
}

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number" && Number.isFinite(v),
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === "boolean",
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  array: (v) => Array.isArray(v),
};

const show = (v: TScalar) => JSON.stringify(v);

function compileCheck(rule: TRule, opts: TCompileOptions): { test: TTest; reason: string } | null {
  const now = opts.now ?? Date.now;
  switch (rule.check) {
    case "required":
      return { test: (v) => !isAbsent(v), reason: "is required" };
    case "type":
      return { test: TYPE_TESTS[rule.type], reason: `must be ${rule.type === "integer" ? "an" : "a"} ${rule.type}` };
    case "format":
      return { test: (v) => matchesFormat(rule.format, v), reason: `must be ${FORMAT_LABELS[rule.format]}` };
    case "pattern": {
      const re = compileRegex(rule.pattern);
      return { test: (v) => typeof v === "string" && re.test(v), reason: `must match ${rule.pattern}` };
    }
    case "range": {
      const { min, max } = rule;
      const reason =
        min !== undefined && max !== undefined
          ? `must be a number from ${min} to ${max}`
          : min !== undefined
            ? `must be a number of at least ${min}`
            : `must be a number of at most ${max}`;
      return {
        test: (v) =>
          typeof v === "number" &&
          Number.isFinite(v) &&
          (min === undefined || v >= min) &&
          (max === undefined || v <= max),
        reason,
      };
    }
    case "length": {
      const { min, max } = rule;
      const size = (v: unknown) => (typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : -1);
      return {
        test: (v) => {
          const n = size(v);
          return n >= 0 && (min === undefined || n >= min) && (max === undefined || n <= max);
        },
        reason: `must have a length ${[min !== undefined && `of at least ${min}`, max !== undefined && `of at most ${max}`].filter(Boolean).join(" and ")}`,
      };
    }
    case "date_range": {
      const { min, max } = rule;
      return {
        test: (v) => {
          if (typeof v !== "string" || !matchesFormat(v.length === 10 ? "date" : "date-time", v)) return false;
          const t = Date.parse(v);
          return (min === undefined || t >= dateBound(min, now)) && (max === undefined || t <= dateBound(max, now));
        },
        reason: `must be a date ${[min && `on or after ${min}`, max && `on or before ${max}`].filter(Boolean).join(" and ")}`,
      };
    }
    case "enum": {
      const allowed = new Set<unknown>(rule.values);
      return { test: (v) => allowed.has(v), reason: `must be one of ${rule.values.map(show).join(", ")}` };
    }
    case "expression": {
      const { evaluator } = opts;
      if (!evaluator) throw new Error(`rule "${rule.id}" is an expression: an evaluator is needed to run it`);
      return {
        test: async (v, record) => (await evaluator.evaluate(rule.expression, record, { value: v })) === true,
        reason: `must satisfy ${rule.expression}`,
      };
    }
    case "lookup": {
      const { masterData } = opts;
      if (!masterData) return null;
      return {
        test: (v) => masterData.exists(rule.entity, rule.attribute, v),
        reason: `must be a known ${rule.entity} ${rule.attribute}`,
      };
    }
  }
}

function compileWhen(when: NonNullable<TRule["when"]>): NonNullable<TCompiledRule["when"]> {
  const segments = parseFieldPath(when.field);
  if (when.present !== undefined) return { segments, holds: (v) => isAbsent(v) !== when.present };
  if (when.in) {
    const set = new Set<unknown>(when.in);
    return { segments, holds: (v) => set.has(v) };
  }
  return { segments, holds: (v) => v === when.equals };
}

/**
 * Parses (ZRuleSetDocument) and compiles a rule-set document once, so records are checked without
 * re-reading it: paths split, patterns compiled, sets built. Throws when the document is invalid.
 */
export function compileRuleSet(raw: unknown, opts: TCompileOptions = {}): TCompiledRuleSet {
  const document = ZRuleSetDocument.parse(raw);
  const unchecked: string[] = [];
  const rules: TCompiledRule[] = [];
  for (const rule of document.rules) {
    const check = compileCheck(rule, opts);
    if (!check) {
      unchecked.push(rule.id);
      continue;
    }
    rules.push({
      rule,
      segments: parseFieldPath(rule.field),
      when: rule.when && compileWhen(rule.when),
      test: check.test,
      isRequired: rule.check === "required",
      reason: check.reason,
    });
  }
  return { document, rules, unchecked };
}

/**
 * Every rule the record breaks, in rule order, one violation per failing value (`lines[1].sku`).
 * A `when` path with `[]` takes the same element as the rule's field (the condition of that line).
 */
export async function evaluateRecord(compiled: TCompiledRuleSet, record: unknown): Promise<TRuleViolation[]> {
  const out: TRuleViolation[] = [];
  for (const c of compiled.rules) {
    for (const at of resolvePath(record, c.segments)) {
      if (c.when) {
        const cond = resolvePath(record, c.when.segments, at.indices)[0];
        if (!c.when.holds(cond?.value)) continue;
      }
      if (!c.isRequired && isAbsent(at.value)) continue;
      let ok = c.test(at.value, record);
      if (typeof ok !== "boolean") ok = await ok;
      if (ok) continue;
      out.push({
        ruleId: c.rule.id,
        field: at.path,
        value: at.value === undefined ? null : at.value,
        message: c.rule.message ?? `${at.path} ${c.reason}`,
        severity: c.rule.severity,
      });
    }
  }
  return out;
}

export const hasErrors = (violations: TRuleViolation[]) => violations.some((v) => v.severity === "error");
