// The policy editor's rows and the document JSON they save as (pure: the client editor and its test
// import it; the server validates the result with ZMaskingPolicyDocument and reports problems by path).

export const METHODS = ["redact", "partial", "hash", "tokenize"] as const;
export type TMethod = (typeof METHODS)[number];
export type TMatchKind = "path" | "tag" | "level";

/** Short enough for the method select; the page's description says what each does. */
export const METHOD_LABELS: Record<TMethod, string> = {
  redact: "Redact",
  partial: "Partial mask",
  hash: "Salted hash",
  tokenize: "Tokenize (FF1)",
};

export type TPolicyDocumentInput = {
  key: string;
  description?: string;
  flows?: string[];
  rules: Record<string, unknown>[];
};

/** One rule as the form edits it: every option as typed, whichever the method uses. */
export type TRuleDraft = {
  uid: number;
  matchKind: TMatchKind;
  matchValue: string;
  method: TMethod;
  keepFirst: string;
  keepLast: string;
  maskChar: string;
  replacement: string;
  hashLength: string;
  tweak: string;
};

let nextUid = 1;
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function toDraft(rule: Record<string, unknown>): TRuleDraft {
  const match = (rule.match ?? {}) as Record<string, unknown>;
  const matchKind: TMatchKind = match.path ? "path" : match.tag ? "tag" : "level";
  return {
    uid: nextUid++,
    matchKind,
    matchValue: str(match[matchKind]),
    method: (METHODS as readonly string[]).includes(str(rule.method)) ? (rule.method as TMethod) : "redact",
    keepFirst: str(rule.keepFirst),
    keepLast: str(rule.keepLast),
    maskChar: str(rule.maskChar),
    replacement: str(rule.replacement),
    hashLength: str(rule.hashLength),
    tweak: str(rule.tweak),
  };
}

export const blankRule = (): TRuleDraft => toDraft({ match: { tag: "PII" }, method: "redact" });

/** Digits become numbers; anything else goes to the server as typed, which says what is wrong with it. */
const num = (v: string): number | string => (/^\d+$/.test(v.trim()) ? Number(v) : v);

/** A row as a policy rule: only the options its method reads, so switching methods leaves nothing stale. */
export function toRule(d: TRuleDraft): Record<string, unknown> {
  const rule: Record<string, unknown> = { match: { [d.matchKind]: d.matchValue.trim() }, method: d.method };
  if (d.method === "partial") {
    if (d.keepFirst.trim()) rule.keepFirst = num(d.keepFirst);
    if (d.keepLast.trim()) rule.keepLast = num(d.keepLast);
    if (d.maskChar) rule.maskChar = d.maskChar;
  }
  if (d.method === "redact" && d.replacement) rule.replacement = d.replacement;
  if (d.method === "hash" && d.hashLength.trim()) rule.hashLength = num(d.hashLength);
  if (d.method === "tokenize" && d.tweak) rule.tweak = d.tweak;
  return rule;
}

/** The editor's state as the JSON text saveMaskingPolicy takes; flows are comma-separated names. */
export function toPolicyJson(input: { key: string; description: string; flows: string; rules: TRuleDraft[] }): string {
  return JSON.stringify({
    key: input.key.trim(),
    description: input.description.trim(),
    flows: input.flows
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
    rules: input.rules.map(toRule),
  });
}
