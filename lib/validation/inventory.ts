import { z } from "zod";

// Shared by forms, server actions, services, spreadsheet import and the CLI. Enum values mirror
// prisma/schema/inventory.prisma; kept here as plain lists so client components can use them.

export const SYSTEM_TYPES = ["erp", "crm", "hris", "scm", "finance", "custom", "saas"] as const;
export const HOSTINGS = ["on_prem", "cloud", "hybrid"] as const;
export const CRITICALITIES = ["low", "medium", "high", "mission_critical"] as const;
export const LIFECYCLES = ["plan", "phase_in", "active", "phase_out", "end_of_life"] as const;
export const DIRECTIONS = ["one_way", "two_way"] as const;
export const MECHANISMS = ["manual", "file", "point_to_point", "api", "queue"] as const;
export const PAYLOAD_FORMATS = [
  "csv",
  "json",
  "xml",
  "edi_x12",
  "edifact",
  "idoc",
  "fixed_width",
  "excel",
  "pdf",
  "other",
] as const;
export const FREQUENCIES = ["real_time", "hourly", "daily", "weekly", "monthly", "on_demand"] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export type TSystemType = (typeof SYSTEM_TYPES)[number];
export type THosting = (typeof HOSTINGS)[number];
export type TCriticality = (typeof CRITICALITIES)[number];
export type TLifecycle = (typeof LIFECYCLES)[number];
export type TDirection = (typeof DIRECTIONS)[number];
export type TMechanism = (typeof MECHANISMS)[number];
export type TPayloadFormat = (typeof PAYLOAD_FORMATS)[number];
export type TFrequency = (typeof FREQUENCIES)[number];
export type TSeverity = (typeof SEVERITIES)[number];

export const LABELS: Record<string, string> = {
  erp: "ERP",
  crm: "CRM",
  hris: "HRIS",
  scm: "SCM",
  finance: "Finance",
  custom: "Custom",
  saas: "SaaS",
  on_prem: "On-prem",
  cloud: "Cloud",
  hybrid: "Hybrid",
  low: "Low",
  medium: "Medium",
  high: "High",
  mission_critical: "Mission-critical",
  critical: "Critical",
  plan: "Plan",
  phase_in: "Phase in",
  active: "Active",
  phase_out: "Phase out",
  end_of_life: "End of life",
  one_way: "One-way",
  two_way: "Two-way",
  manual: "Manual",
  file: "File transfer",
  point_to_point: "Point-to-point",
  api: "API",
  queue: "Queue",
  csv: "CSV",
  json: "JSON",
  xml: "XML",
  edi_x12: "EDI X12",
  edifact: "EDIFACT",
  idoc: "SAP IDoc",
  fixed_width: "Fixed-width",
  excel: "Excel",
  pdf: "PDF",
  other: "Other",
  real_time: "Real-time",
  hourly: "Hourly",
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
  on_demand: "On demand",
};

export const label = (value: string): string => LABELS[value] ?? value;
export const options = (values: readonly string[]) => values.map((value) => ({ value, label: label(value) }));

/** Accepts the value or its label in any case ("Point-to-point", "point to point", "POINT_TO_POINT"). */
function zEnumLoose<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  const byKey = new Map<string, T[number]>();
  for (const v of values) {
    byKey.set(v, v);
    byKey.set(normalise(label(v)), v);
  }
  return z.preprocess(
    (raw) => (typeof raw === "string" ? (byKey.get(normalise(raw)) ?? raw) : raw),
    z.enum(values, { error: `Choose a ${what}: ${values.join(", ")}.` }),
  );
}
const normalise = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

const name = (what: string, max = 160) =>
  z.string().trim().min(1, `Enter ${what}.`).max(max, `Use at most ${max} characters.`);
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`).default("");

/** Numbers from forms and spreadsheets arrive as strings ("1,200" or ""); blank means 0. */
function zNumber(opts: { min?: number; max: number; int?: boolean; what: string }) {
  const base = z.number({ error: `Enter a number for ${opts.what}.` });
  const bounded = (opts.int ? base.int(`Use a whole number for ${opts.what}.`) : base)
    .min(opts.min ?? 0, `${opts.what} cannot be below ${opts.min ?? 0}.`)
    .max(opts.max, `${opts.what} cannot exceed ${opts.max.toLocaleString("en-US")}.`);
  return z.preprocess((raw) => {
    if (raw === undefined || raw === null) return 0;
    if (typeof raw === "string") {
      const t = raw.trim().replace(/,/g, "").replace(/%$/, "");
      return t === "" ? 0 : Number(t);
    }
    return raw;
  }, bounded);
}

export const ZSystemType = zEnumLoose(SYSTEM_TYPES, "system type");
export const ZHosting = zEnumLoose(HOSTINGS, "hosting");
export const ZCriticality = zEnumLoose(CRITICALITIES, "criticality");
export const ZLifecycle = zEnumLoose(LIFECYCLES, "lifecycle");
export const ZDirection = zEnumLoose(DIRECTIONS, "direction");
export const ZMechanism = zEnumLoose(MECHANISMS, "mechanism");
export const ZPayloadFormat = zEnumLoose(PAYLOAD_FORMATS, "payload format");
export const ZFrequency = zEnumLoose(FREQUENCIES, "frequency");
export const ZSeverity = zEnumLoose(SEVERITIES, "severity");

export const ZPainPoint = z.object({
  severity: ZSeverity,
  description: name("what hurts", 500),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(10).default([]),
});
export type TPainPoint = z.infer<typeof ZPainPoint>;

const PAIN_LINE = /^\s*([A-Za-z_ -]+?)\s*:\s*(.+)$/;

/**
 * Pain points as people type them in a cell or textarea: one per line or separated by ";",
 * each `severity: description #tag #tag`, e.g. `high: invoices re-keyed by hand #rekeying`.
 */
export function parsePainPoints(input: string): { ok: true; value: TPainPoint[] } | { ok: false; error: string } {
  const parts = input
    .split(/[\n;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const value: TPainPoint[] = [];
  for (const part of parts) {
    const m = PAIN_LINE.exec(part);
    if (!m)
      return {
        ok: false,
        error: `"${part}" needs the form "severity: description #tag" (severity: ${SEVERITIES.join(", ")}).`,
      };
    const tags = [...m[2].matchAll(/#([\w-]+)/g)].map((t) => t[1].toLowerCase());
    const description = m[2]
      .replace(/#[\w-]+/g, "")
      .replace(/\s+/g, " ")
      .trim();
    const parsed = ZPainPoint.safeParse({ severity: m[1], description, tags });
    if (!parsed.success) return { ok: false, error: `"${part}": ${parsed.error.issues[0].message}` };
    value.push(parsed.data);
  }
  return { ok: true, value };
}

export function formatPainPoints(points: readonly TPainPoint[], separator = "; "): string {
  return points.map((p) => `${p.severity}: ${p.description}${p.tags.map((t) => ` #${t}`).join("")}`).join(separator);
}

const ZPainPointList = z.array(ZPainPoint).max(50, "Record at most 50 pain points.");

/** Pain points as a list, or as text in the `severity: description #tag` form (forms, spreadsheets). */
const ZPainPoints = z.preprocess(
  (raw) => raw ?? [],
  z.unknown().transform((raw, ctx): TPainPoint[] => {
    const parsed = typeof raw === "string" ? parsePainPoints(raw) : null;
    if (parsed && !parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    const list = ZPainPointList.safeParse(parsed ? parsed.value : raw);
    if (list.success) return list.data;
    for (const issue of list.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  }),
);

/** A single select value arrives as a string, several as an array. */
const ZIdList = z.preprocess(
  (raw) => (raw === undefined || raw === null || raw === "" ? [] : Array.isArray(raw) ? raw : [raw]),
  z.array(z.string().min(1)).max(200, "Pick at most 200."),
);

const ZOptionalEmail = z.preprocess(
  (raw) => (typeof raw === "string" ? raw.trim().toLowerCase() : raw),
  z.union([z.literal(""), z.email("Enter a valid email address, or leave it empty.")]).default(""),
);

export const ZProcessInput = z.object({
  name: name("a process name"),
  department: name("a department", 80),
  ownerEmail: ZOptionalEmail,
  ownerName: text(120),
  description: text(4000),
  volumePerMonth: zNumber({ max: 100_000_000, int: true, what: "Volume per month" }),
  manualMinutesPerTxn: zNumber({ max: 10_000, what: "Manual minutes per transaction" }),
  errorRatePct: zNumber({ max: 100, what: "Error rate (%)" }),
  cycleTimeHours: zNumber({ max: 100_000, what: "Cycle time (hours)" }),
  systemIds: ZIdList,
  painPoints: ZPainPoints,
});
export type TProcessInput = z.infer<typeof ZProcessInput>;
export const ZUpdateProcessInput = ZProcessInput.extend({ id: z.string().min(1) });

export const ZSystemInput = z.object({
  name: name("a system name", 120),
  type: ZSystemType,
  vendor: text(120),
  hosting: ZHosting,
  region: text(80),
  criticality: ZCriticality,
  lifecycle: ZLifecycle.default("active"),
  description: text(4000),
});
export type TSystemInput = z.infer<typeof ZSystemInput>;
export const ZUpdateSystemInput = ZSystemInput.extend({ id: z.string().min(1) });
/** A form that both creates and edits: an empty or missing id means create. */
export const ZOptionalId = z
  .string()
  .optional()
  .transform((v) => v || undefined);
export const ZSaveSystemInput = ZSystemInput.extend({ id: ZOptionalId });
export const ZSaveProcessInput = ZProcessInput.extend({ id: ZOptionalId });

const interfaceFields = {
  name: name("an interface name"),
  sourceSystemId: z.string().min(1, "Choose the source system."),
  targetSystemId: z.string().min(1, "Choose the target system."),
  direction: ZDirection.default("one_way"),
  mechanism: ZMechanism,
  payloadFormat: ZPayloadFormat,
  frequency: ZFrequency,
  volumePerMonth: zNumber({ max: 1_000_000_000, int: true, what: "Volume per month" }),
  description: text(4000),
};
const differentEnds = (v: { sourceSystemId: string; targetSystemId: string }) => v.sourceSystemId !== v.targetSystemId;
const differentEndsIssue = { path: ["targetSystemId"], message: "Source and target must be different systems." };

/** The interface fields without the cross-field rule, for schemas that reshape them (spreadsheet rows). */
export const ZInterfaceFields = z.object(interfaceFields);
export const ZInterfaceInput = z.object(interfaceFields).refine(differentEnds, differentEndsIssue);
export type TInterfaceInput = z.infer<typeof ZInterfaceInput>;
export const ZUpdateInterfaceInput = z
  .object({ ...interfaceFields, id: z.string().min(1) })
  .refine(differentEnds, differentEndsIssue);
/** The interface form: creates without an id, edits with one. */
export const ZSaveInterfaceInput = z
  .object({ ...interfaceFields, id: ZOptionalId })
  .refine(differentEnds, differentEndsIssue);

export const ZIdInput = z.object({ id: z.string().min(1) });

export const ZGraphQuery = z.object({
  processId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || undefined),
  departmentId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || undefined),
});
export type TGraphQuery = z.infer<typeof ZGraphQuery>;

export const SHEET_FORMATS = ["csv", "xlsx"] as const;
export type TSheetFormat = (typeof SHEET_FORMATS)[number];
