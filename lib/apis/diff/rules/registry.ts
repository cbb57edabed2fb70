import type { TApiChangeSeverity, TApiDiffRule } from "../types";

const B = "breaking" as const;
const W = "warning" as const;
const I = "info" as const;

/** Rules about operations, parameters, bodies, responses and security: one fixed severity each. */
const FIXED: TApiDiffRule[] = [
  {
    id: "api-path-removed-without-deprecation",
    severity: B,
    description: "A path and all its operations were removed without being deprecated first.",
  },
  {
    id: "api-removed-without-deprecation",
    severity: B,
    description: "An operation was removed without being deprecated first.",
  },
  {
    id: "api-removed-before-sunset",
    severity: B,
    description: "A deprecated operation was removed before its x-sunset date.",
  },
  {
    id: "api-removed-after-deprecation",
    severity: W,
    description:
      "A deprecated operation was removed after its sunset date (or it had none): expected, but callers still on it get 404.",
  },
  { id: "api-operation-added", severity: I, description: "A new operation." },
  { id: "api-deprecated", severity: I, description: "An operation became deprecated." },
  { id: "api-reactivated", severity: I, description: "A deprecated operation is no longer deprecated." },
  {
    id: "api-operation-id-changed",
    severity: B,
    description: "The operationId changed: generated clients rename the method.",
  },
  {
    id: "api-operation-id-removed",
    severity: B,
    description: "The operationId was removed: generated clients lose the method name.",
  },
  { id: "api-operation-id-added", severity: I, description: "An operationId was added." },
  {
    id: "request-path-parameter-renamed",
    severity: W,
    description:
      "A path parameter was renamed (same URL shape): HTTP callers are unaffected, generated clients rename an argument.",
  },
  {
    id: "request-parameter-added-required",
    severity: B,
    description: "A new required parameter without a default: existing calls omit it.",
  },
  {
    id: "request-parameter-added-required-with-default",
    severity: W,
    description: "A new required parameter that has a default: callers that omit it rely on the default being applied.",
  },
  { id: "request-parameter-added-optional", severity: I, description: "A new optional parameter." },
  {
    id: "request-parameter-removed",
    severity: W,
    description: "A parameter was removed: callers still sending it are ignored or rejected.",
  },
  { id: "request-parameter-became-required", severity: B, description: "An optional parameter became required." },
  {
    id: "request-parameter-became-required-with-default",
    severity: W,
    description: "An optional parameter with a default became required.",
  },
  { id: "request-parameter-became-optional", severity: I, description: "A required parameter became optional." },
  {
    id: "request-parameter-serialization-changed",
    severity: B,
    description: "A parameter's style or explode changed: the same value is written differently on the wire.",
  },
  { id: "request-parameter-deprecated", severity: I, description: "A parameter became deprecated." },
  {
    id: "request-body-added-required",
    severity: B,
    description: "A required request body was added to an operation that had none.",
  },
  { id: "request-body-added-optional", severity: I, description: "An optional request body was added." },
  {
    id: "request-body-removed",
    severity: W,
    description: "The request body was removed: callers still sending one have it ignored or rejected.",
  },
  { id: "request-body-became-required", severity: B, description: "The request body became required." },
  { id: "request-body-became-optional", severity: I, description: "The request body became optional." },
  { id: "request-body-media-type-removed", severity: B, description: "A request media type is no longer accepted." },
  { id: "request-body-media-type-added", severity: I, description: "A new request media type is accepted." },
  {
    id: "response-success-status-removed",
    severity: B,
    description: "A success (2xx/3xx) response status was removed.",
  },
  {
    id: "response-non-success-status-removed",
    severity: W,
    description: "An error (4xx/5xx/default) response status was removed.",
  },
  { id: "response-status-added", severity: I, description: "A new response status." },
  { id: "response-media-type-removed", severity: B, description: "A response media type is no longer produced." },
  { id: "response-media-type-added", severity: I, description: "A new response media type." },
  { id: "response-required-header-removed", severity: B, description: "A required response header was removed." },
  { id: "response-header-became-optional", severity: B, description: "A required response header became optional." },
  { id: "api-security-added", severity: B, description: "An operation that needed no credentials now requires them." },
  {
    id: "api-security-requirement-removed",
    severity: B,
    description: "A way to authenticate an operation is no longer accepted.",
  },
  { id: "api-security-scope-added", severity: B, description: "An operation requires an extra OAuth scope." },
  { id: "api-security-requirement-added", severity: I, description: "An additional way to authenticate is accepted." },
  { id: "api-security-removed", severity: I, description: "An operation no longer requires credentials." },
  {
    id: "security-scheme-changed",
    severity: B,
    description: "A security scheme sends credentials differently (type, name, location, HTTP scheme, flows).",
  },
];

/** A kind with `null` for a direction in which it cannot occur. */
type TSchemaKind = {
  kind: string;
  request: TApiChangeSeverity | null;
  response: TApiChangeSeverity | null;
  description: string;
};

/**
 * Schema rules, by direction: narrowing what a request accepts breaks callers, widening what a
 * response returns breaks readers. Each kind exists for every schema prefix below.
 */
const SCHEMA_KINDS: TSchemaKind[] = [
  {
    kind: "type-changed",
    request: B,
    response: B,
    description: "The type changed incompatibly (e.g. array to object, string to integer).",
  },
  {
    kind: "type-generalized",
    request: I,
    response: I,
    description: "The type changed compatibly: a request accepts more types, or a response returns fewer.",
  },
  { kind: "became-nullable", request: I, response: B, description: "null became a valid value." },
  { kind: "became-not-nullable", request: B, response: I, description: "null is no longer a valid value." },
  { kind: "enum-value-removed", request: B, response: I, description: "An enum value was removed." },
  {
    kind: "enum-value-added",
    request: I,
    response: B,
    description: "An enum value was added: clients that switch over the values meet one they don't know.",
  },
  { kind: "enum-added", request: B, response: I, description: "Values became restricted to an enum." },
  {
    kind: "enum-removed",
    request: I,
    response: B,
    description: "An enum restriction was removed: any value may now occur.",
  },
  { kind: "one-of-removed", request: B, response: I, description: "A oneOf alternative was removed." },
  { kind: "one-of-added", request: I, response: B, description: "A oneOf alternative was added." },
  { kind: "any-of-removed", request: B, response: I, description: "An anyOf alternative was removed." },
  { kind: "any-of-added", request: I, response: B, description: "An anyOf alternative was added." },
  {
    kind: "additional-properties-tightened",
    request: B,
    response: I,
    description: "Extra properties are no longer allowed (or are restricted further).",
  },
  { kind: "additional-properties-relaxed", request: I, response: W, description: "Extra properties are now allowed." },
  ...(
    [
      ["max-length", "maxLength"],
      ["min-length", "minLength"],
      ["maximum", "maximum"],
      ["minimum", "minimum"],
      ["exclusive-maximum", "exclusiveMaximum"],
      ["exclusive-minimum", "exclusiveMinimum"],
      ["max-items", "maxItems"],
      ["min-items", "minItems"],
      ["max-properties", "maxProperties"],
      ["min-properties", "minProperties"],
      ["multiple-of", "multipleOf"],
      ["unique-items", "uniqueItems"],
      ["pattern", "pattern"],
      ["format", "format"],
    ] as const
  ).flatMap(([slug, keyword]): TSchemaKind[] => [
    {
      kind: `${slug}-tightened`,
      request: B,
      response: I,
      description: `\`${keyword}\` was set or tightened: fewer values are valid.`,
    },
    {
      kind: `${slug}-relaxed`,
      request: I,
      response: W,
      description: `\`${keyword}\` was removed or relaxed: more values are valid.`,
    },
    // Bounds only move up or down; these three can change sideways.
    ...(["multipleOf", "pattern", "format"].includes(keyword)
      ? [
          {
            kind: `${slug}-changed`,
            request: B,
            response: W,
            description: `\`${keyword}\` changed to a value that neither contains nor is contained by the old one.`,
          },
        ]
      : []),
  ]),
];

/** Kinds about the properties of an object schema, by direction. */
const PROPERTY_KINDS: TSchemaKind[] = [
  {
    kind: "removed",
    request: W,
    response: B,
    description: "A property was removed (from a response: one that was required, so clients rely on it).",
  },
  { kind: "removed-optional", request: null, response: W, description: "An optional property was removed." },
  { kind: "added-required", request: B, response: I, description: "A new required property without a default." },
  {
    kind: "added-required-with-default",
    request: W,
    response: null,
    description: "A new required property that has a default (not breaking when the server applies the default).",
  },
  { kind: "added-optional", request: I, response: I, description: "A new optional property." },
  { kind: "became-required", request: B, response: I, description: "An optional property became required." },
  {
    kind: "became-required-with-default",
    request: W,
    response: null,
    description: "An optional property with a default became required.",
  },
  {
    kind: "became-optional",
    request: I,
    response: B,
    description: "A required property became optional: clients can no longer rely on it.",
  },
];

/** For tests and docs: the kinds behind the generated ids. */
export const SCHEMA_KIND_NAMES = SCHEMA_KINDS.map((k) => k.kind);
export const PROPERTY_KIND_NAMES = PROPERTY_KINDS.map((k) => ({
  kind: k.kind,
  request: k.request !== null,
  response: k.response !== null,
}));

export const SCHEMA_PREFIXES = {
  request: ["request-parameter", "request-body", "request-property"],
  response: ["response-body", "response-property", "response-header"],
} as const;
export const PROPERTY_PREFIXES = {
  request: ["request-parameter-property", "request-property"],
  response: ["response-property"],
} as const;

function expand(
  kinds: TSchemaKind[],
  prefixes: { request: readonly string[]; response: readonly string[] },
): TApiDiffRule[] {
  return (["request", "response"] as const).flatMap((dir) =>
    prefixes[dir].flatMap((prefix) =>
      kinds.flatMap((k) => {
        const severity = k[dir];
        return severity
          ? [{ id: `${prefix}-${k.kind}`, severity, description: `${k.description} (${prefix.replace(/-/g, " ")})` }]
          : [];
      }),
    ),
  );
}

/** Every rule the diff can report, with its severity. The portal documents this list. */
export const API_DIFF_RULES: TApiDiffRule[] = [
  ...FIXED,
  ...expand(SCHEMA_KINDS, SCHEMA_PREFIXES),
  ...expand(PROPERTY_KINDS, PROPERTY_PREFIXES),
];

const BY_ID = new Map(API_DIFF_RULES.map((r) => [r.id, r]));

export function ruleSeverity(id: string): TApiChangeSeverity {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`Unknown API diff rule ${id}`);
  return rule.severity;
}
