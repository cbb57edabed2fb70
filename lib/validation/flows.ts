import { z } from "zod";

// Inputs of the flows and runs services (portal forms, server actions, CLI). The flow spec itself is
// ZFlowSpec in lib/validation/flow-spec.ts; component configs are checked against the engine registry.

/** Flow names appear in gateway paths (/flows/<name>/<env>), so they are URL-safe slugs. */
export const FLOW_NAME = /^[a-z][a-z0-9-]{1,62}$/;
export const FLOW_NAME_HINT =
  "Use 2–63 lower-case letters, digits or dashes, starting with a letter (it appears in the gateway URL).";

export const ZFlowName = z.string().trim().regex(FLOW_NAME, FLOW_NAME_HINT);

export const ZFlowFormat = z.enum(["yaml", "json"], { error: "Choose yaml or json." });

/** Absent: leave the flow's interface link alone; "" or null: unlink; an id: link to that interface. */
export const ZInterfaceLink = z
  .string()
  .trim()
  .max(64, "Choose an interface from the list.")
  .nullable()
  .optional()
  .transform((v) => (v === "" ? null : v));

/** A new version from a spec object (the generated form) or a YAML/JSON document (the editor tab, import). */
export const ZSaveFlowVersionInput = z
  .object({
    /** Absent: create a new flow named after the spec. */
    flowId: z.string().min(1).optional(),
    spec: z.unknown().optional(),
    document: z.string().max(1_000_000, "The document is over 1 MB; split the flow.").optional(),
    format: ZFlowFormat.optional(),
    note: z.string().trim().max(500, "Use at most 500 characters.").default(""),
    owner: z.string().trim().max(120, "Use at most 120 characters.").default(""),
    /** The inventory interface the flow implements: an id links it, "" or null unlinks it, absent leaves the link as it is. */
    interfaceId: ZInterfaceLink,
  })
  .refine((v) => v.spec !== undefined || (v.document !== undefined && v.document.trim() !== ""), {
    message: "Provide the flow spec, or paste a YAML or JSON document.",
    path: ["document"],
  });
export type TSaveFlowVersionInput = z.input<typeof ZSaveFlowVersionInput>;

export const ZExportFlowInput = z.object({ flowVersionId: z.string().min(1), format: ZFlowFormat.default("yaml") });

export const ZDeployInput = z.object({
  flowVersionId: z.string().min(1, "Choose a version."),
  environmentId: z.string().min(1, "Choose an environment."),
  /**
   * The deployer confirmed they know the flow is flagged for data residency. Required to deploy a
   * flagged flow to production; a form posts "true".
   */
  acknowledgeResidency: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});
export type TDeployInput = z.infer<typeof ZDeployInput>;

export const DEPLOYMENT_ACTIONS = ["start", "pause", "resume", "stop"] as const;
export type TDeploymentAction = (typeof DEPLOYMENT_ACTIONS)[number];
export const ZDeploymentControlInput = z.object({
  deploymentId: z.string().min(1),
  action: z.enum(DEPLOYMENT_ACTIONS, { error: `Choose one of: ${DEPLOYMENT_ACTIONS.join(", ")}.` }),
});

export const ZMetricsQuery = z.object({
  flowId: z.string().min(1),
  environmentId: z.string().min(1).optional(),
  minutes: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60),
});
export type TMetricsQuery = z.input<typeof ZMetricsQuery>;

const MAX_BATCH = 200;
const ZIds = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
  z
    .array(z.string().min(1))
    .min(1, "Select at least one message.")
    .max(MAX_BATCH, `Select at most ${MAX_BATCH} messages at a time.`),
);

export const ZReplayInput = z.object({
  ids: ZIds,
  /** Empty: replay to the version the message failed on. */
  targetVersionId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});
export type TReplayInput = z.input<typeof ZReplayInput>;

export const ZEditAndReplayInput = z.object({
  id: z.string().min(1),
  body: z.string().min(1, "The payload cannot be empty.").max(5_000_000, "The payload is over 5 MB."),
  targetVersionId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  reason: z
    .string()
    .trim()
    .min(3, "Say why the payload was changed (at least 3 characters); it goes into the audit log.")
    .max(500),
});
export type TEditAndReplayInput = z.input<typeof ZEditAndReplayInput>;

export const ZDiscardInput = z.object({
  ids: ZIds,
  reason: z.string().trim().max(500).default(""),
});
export type TDiscardInput = z.input<typeof ZDiscardInput>;

/** The flow form's post: the spec as a JSON string (generated form) or a YAML/JSON document (editor tab). */
export const ZSaveFlowForm = z.object({
  flowId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  intent: z.enum(["create", "import"]).default("import"),
  spec: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "The form state is not valid JSON; reload the page." });
        return z.NEVER;
      }
    }),
  document: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined)),
  format: z.enum(["yaml", "json"]).optional(),
  note: z.string().optional(),
  owner: z.string().optional(),
  /** The interface picker posts "" for "no interface". */
  interfaceId: z.string().optional(),
});

/** The save action's input: the flow form, where a pasted document wins over the generated spec. */
const ZSaveFlowVersionWithIntent = ZSaveFlowVersionInput.safeExtend({ intent: ZSaveFlowForm.shape.intent });
export const ZSaveFlowFormInput = ZSaveFlowForm.transform((form): z.input<typeof ZSaveFlowVersionWithIntent> => ({
  ...form,
  spec: form.document ? undefined : form.spec,
})).pipe(ZSaveFlowVersionWithIntent);

/** Live validation sends the form's spec as JSON text. */
export const ZFlowSpecJson = z
  .string()
  .max(1_000_000, "The spec is over 1 MB.")
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The form state is not valid JSON; reload the page." });
      return z.NEVER;
    }
  });
