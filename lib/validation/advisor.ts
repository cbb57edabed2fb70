import { z } from "zod";

// Inputs of the architecture advisor. Shared by the advisor form, its server actions and the service.

export const VOLATILITY = ["low", "medium", "high"] as const;
export const LATENCY_NEEDS = ["batch", "minutes", "seconds", "sub_second"] as const;
export const SCALABILITY_NEEDS = ["stable", "growing", "spiky"] as const;
export const SOURCE_CAPABILITIES = [
  "sync_api",
  "webhooks",
  "event_stream",
  "change_data_capture",
  "file_export",
  "database_access",
  "edi",
] as const;
export const HOSTING = ["on_prem", "cloud", "hybrid"] as const;
/** `eu` means the EU/EEA; everything else is outside it for GDPR Chapter V purposes. */
export const REGIONS = ["eu", "uk", "ch", "us", "ca", "apac", "other"] as const;
export const PAYLOAD_FORMATS = ["json", "xml", "edi_x12", "edifact", "csv"] as const;
/** GDPR Chapter V transfer mechanisms; `none` means nothing is recorded. */
export const LEGAL_BASES = [
  "none",
  "adequacy_decision",
  "standard_contractual_clauses",
  "binding_corporate_rules",
  "explicit_consent",
  "derogation",
] as const;
export const ARCHITECTURES = ["point_to_point", "hub_and_spoke", "event_driven"] as const;
export const PATTERNS = ["request_response", "publish_subscribe", "polling"] as const;
export const DEPLOYMENT_MODELS = ["on_prem", "hybrid", "cloud"] as const;

export type TArchitecture = (typeof ARCHITECTURES)[number];
export type TPattern = (typeof PATTERNS)[number];
export type TDeploymentModel = (typeof DEPLOYMENT_MODELS)[number];
export type TPayloadFormat = (typeof PAYLOAD_FORMATS)[number];
export type TSourceCapability = (typeof SOURCE_CAPABILITIES)[number];

export const LABELS: Record<string, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  batch: "Batch (hours)",
  minutes: "Minutes",
  seconds: "Seconds",
  sub_second: "Sub-second",
  stable: "Stable",
  growing: "Growing",
  spiky: "Spiky (peaks)",
  sync_api: "Synchronous API",
  webhooks: "Webhooks",
  event_stream: "Event stream",
  change_data_capture: "Change data capture",
  file_export: "File export",
  database_access: "Database access",
  edi: "EDI",
  on_prem: "On-premises",
  cloud: "Cloud",
  hybrid: "Hybrid",
  eu: "EU/EEA",
  uk: "United Kingdom",
  ch: "Switzerland",
  us: "United States",
  ca: "Canada",
  apac: "Asia-Pacific",
  other: "Other",
  json: "JSON",
  xml: "XML",
  edi_x12: "EDI X12",
  edifact: "EDIFACT",
  csv: "CSV",
  none: "None recorded",
  adequacy_decision: "Adequacy decision",
  standard_contractual_clauses: "Standard contractual clauses",
  binding_corporate_rules: "Binding corporate rules",
  explicit_consent: "Explicit consent",
  derogation: "Art. 49 derogation",
  point_to_point: "Point-to-point",
  hub_and_spoke: "Hub-and-spoke",
  event_driven: "Event-driven",
  request_response: "Request-response",
  publish_subscribe: "Publish-subscribe",
  polling: "Polling",
};

export const label = (value: string): string => LABELS[value] ?? value;

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `Choose the ${what}: one of ${values.join(", ")}.` });

/** Form checkboxes arrive as one string or several; accept both. */
const multi = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(enumOf(values, what)).min(1, `Pick at least one ${what}.`),
  );

export const ZAdvisorInput = z.object({
  volatility: enumOf(VOLATILITY, "system volatility"),
  messagesPerDay: z.coerce
    .number({ error: "Enter the expected messages per day as a number." })
    .int("Use a whole number.")
    .min(0, "Use 0 or more.")
    .max(10_000_000_000, "That is more than 10 billion a day; check the number."),
  endpointCount: z.coerce
    .number({ error: "Enter how many systems take part." })
    .int("Use a whole number.")
    .min(2, "An interface connects at least 2 endpoints.")
    .max(1000, "Use at most 1000."),
  latency: enumOf(LATENCY_NEEDS, "latency need"),
  sourceCapabilities: multi(SOURCE_CAPABILITIES, "source capability"),
  sourceFormat: enumOf(PAYLOAD_FORMATS, "source payload format"),
  targetFormats: multi(PAYLOAD_FORMATS, "format the recipient accepts"),
  sourceHosting: enumOf(HOSTING, "source hosting"),
  targetHosting: enumOf(HOSTING, "target hosting"),
  sourceRegion: enumOf(REGIONS, "source region"),
  targetRegion: enumOf(REGIONS, "target region"),
  containsPersonalData: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  /** Regulation or contract requires the data to stay in the company's own data centre. */
  mustStayOnPrem: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  legalBasis: enumOf(LEGAL_BASES, "legal basis for the transfer").default("none"),
  scalability: enumOf(SCALABILITY_NEEDS, "scalability need"),
});
export type TAdvisorInput = z.infer<typeof ZAdvisorInput>;
/** The advisor form's fields as the live preview sends them (FormData read into an object). */
export const ZAdvisorForm = z.record(z.string(), z.unknown()).pipe(ZAdvisorInput);

export const ZRecordDecisionInput = z.object({
  interfaceId: z.string().min(1, "Choose an interface."),
  title: z
    .string()
    .trim()
    .min(3, "Give the decision a title of at least 3 characters.")
    .max(200, "Use at most 200 characters."),
  context: z.string().trim().max(5000, "Use at most 5000 characters.").default(""),
  inputs: ZAdvisorInput,
  /** The engineer may override the recommendation; an override needs a reason. */
  architecture: enumOf(ARCHITECTURES, "architecture").optional(),
  pattern: enumOf(PATTERNS, "pattern").optional(),
  deploymentModel: enumOf(DEPLOYMENT_MODELS, "deployment model").optional(),
  payloadFormat: enumOf(PAYLOAD_FORMATS, "payload format").optional(),
  overrideReason: z.string().trim().max(2000, "Use at most 2000 characters.").default(""),
});
export type TRecordDecisionInput = z.infer<typeof ZRecordDecisionInput>;

const OVERRIDES = ["architecture", "pattern", "deploymentModel", "payloadFormat"] as const;
/**
 * The advisor form posts one flat set of fields: the decision's own, the overrides, and the advisor's
 * inputs (the whole form). "" in an override select means "take the recommendation".
 */
export const ZRecordDecisionForm = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const form = raw as Record<string, unknown>;
  return {
    interfaceId: form.interfaceId,
    title: form.title,
    context: form.context,
    overrideReason: form.overrideReason,
    ...Object.fromEntries(OVERRIDES.map((k) => [k, form[k] ? form[k] : undefined])),
    inputs: form,
  };
}, ZRecordDecisionInput);

export const ZSupersedeDecisionInput = z.object({ decisionId: z.string().min(1) });
