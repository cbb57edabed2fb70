import "server-only";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { findFlowSpecSecrets } from "@/lib/config-items/secrets";
import { flowContentHash, validateFlowComponents } from "@/lib/engine/core/flow-version";
import { db, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError, type FieldErrors } from "@/lib/errors";
import { parseFlowDocument, serializeFlowDocument, ZFlowSpec, type TFlowSpec } from "@/lib/validation/flow-spec";
import { FLOW_NAME, FLOW_NAME_HINT, ZExportFlowInput, ZSaveFlowVersionInput } from "@/lib/validation/flows";
import { appendAudit } from "../audit";
import { componentRegistry } from "./registry";

export type FlowVersionRow = {
  id: string;
  flowId: string;
  version: number;
  contentHash: string;
  note: string;
  createdBy: string;
  createdAt: string;
};

export type SaveFlowVersionResult = {
  flowId: string;
  flowName: string;
  version: FlowVersionRow;
  isNew: boolean;
  /** The flow's interface link was set, changed or removed by this save (even when the spec was unchanged). */
  interfaceChanged: boolean;
};

type VersionRecord = {
  id: string;
  flowId: string;
  version: number;
  contentHash: string;
  note: string;
  createdBy: string;
  createdAt: Date;
};
export const toVersionRow = (v: VersionRecord): FlowVersionRow => ({
  id: v.id,
  flowId: v.flowId,
  version: v.version,
  contentHash: v.contentHash,
  note: v.note,
  createdBy: v.createdBy,
  createdAt: v.createdAt.toISOString(),
});

function specErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "document"] ??= []).push(issue.message);
  return out;
}

/**
 * Parses a spec (object or YAML/JSON text) and checks it against the engine's component registry, so a
 * bad component config fails here with field-level errors (`steps.1.config.url`) rather than at deploy.
 */
export function checkFlowSpec(input: { spec?: unknown; document?: string; format?: "yaml" | "json" }): TFlowSpec {
  let spec: TFlowSpec;
  try {
    spec =
      input.document !== undefined && input.document.trim() !== ""
        ? parseFlowDocument(input.document, input.format)
        : ZFlowSpec.parse(input.spec);
  } catch (error) {
    if (error instanceof ZodError)
      throw new AppError("VALIDATION", "The flow spec has errors; fix the fields listed.", {
        fieldErrors: specErrors(error),
      });
    throw new AppError("VALIDATION", error instanceof Error ? error.message : String(error), {
      fieldErrors: { document: [error instanceof Error ? error.message : String(error)] },
    });
  }
  const fieldErrors: FieldErrors = {};
  if (!FLOW_NAME.test(spec.name)) fieldErrors.name = [FLOW_NAME_HINT];
  for (const issue of validateFlowComponents(spec, componentRegistry()))
    (fieldErrors[issue.path] ??= []).push(issue.message);
  for (const issue of findFlowSpecSecrets(spec)) (fieldErrors[issue.path] ??= []).push(issue.message);
  if (Object.keys(fieldErrors).length)
    throw new AppError("VALIDATION", "The flow spec has errors; fix the fields listed.", { fieldErrors });
  return spec;
}

const FLOW_SELECT = { id: true, name: true, interfaceId: true } as const;

/**
 * Points the flow at an inventory interface (or at none). `undefined` leaves the link alone, so imports
 * and the CLI, which know nothing of interfaces, never clear one. Returns whether anything changed.
 */
async function linkInterface(
  tx: Tx,
  actor: Actor,
  flow: { id: string; name: string; interfaceId: string | null },
  interfaceId: string | null | undefined,
): Promise<boolean> {
  if (interfaceId === undefined || interfaceId === flow.interfaceId) return false;
  let after: { interfaceId: string; interface: string } | null = null;
  if (interfaceId !== null) {
    const iface = await tx.interface.findUnique({ where: { id: interfaceId }, select: { id: true, name: true } });
    if (!iface)
      throw new AppError("VALIDATION", "That interface is not in the inventory (it may have been deleted).", {
        fieldErrors: { interfaceId: ["Choose an interface from the list."] },
      });
    after = { interfaceId: iface.id, interface: iface.name };
  }
  const before = flow.interfaceId
    ? await tx.interface.findUnique({ where: { id: flow.interfaceId }, select: { id: true, name: true } })
    : null;
  await tx.flow.update({ where: { id: flow.id }, data: { interfaceId } });
  await appendAudit(tx, {
    actor,
    action: interfaceId === null ? "flow.interface.unlink" : "flow.interface.link",
    entityType: "Flow",
    entityId: flow.id,
    before: before ? { interfaceId: before.id, interface: before.name } : { interfaceId: null },
    after: after ?? { interfaceId: null },
  });
  return true;
}

async function resolveFlow(
  tx: Tx,
  actor: Actor,
  spec: TFlowSpec,
  flowId: string | undefined,
  intent: "create" | "import",
  owner: string,
) {
  if (flowId) {
    const flow = await tx.flow.findUnique({ where: { id: flowId }, select: FLOW_SELECT });
    if (!flow) throw new AppError("NOT_FOUND", "That flow no longer exists.");
    if (flow.name !== spec.name) {
      throw new AppError(
        "VALIDATION",
        `A new version must keep the flow's name "${flow.name}"; create a new flow to use another name.`,
        {
          fieldErrors: { name: [`Keep the name "${flow.name}".`] },
        },
      );
    }
    return { flow, isNewFlow: false };
  }
  const existing = await tx.flow.findUnique({ where: { name: spec.name }, select: FLOW_SELECT });
  if (existing && intent === "create") {
    throw new AppError(
      "CONFLICT",
      `A flow named "${spec.name}" already exists; open it to add a version, or choose another name.`,
      {
        fieldErrors: { name: ["This name is already in use."] },
      },
    );
  }
  if (existing) return { flow: existing, isNewFlow: false };
  const flow = await tx.flow.create({
    data: { name: spec.name, description: spec.description ?? "", owner, createdBy: actor.email },
    select: FLOW_SELECT,
  });
  await appendAudit(tx, {
    actor,
    action: "flow.create",
    entityType: "Flow",
    entityId: flow.id,
    after: { name: flow.name, owner },
  });
  return { flow, isNewFlow: true };
}

/**
 * Stores a spec as a new immutable version (create, edit or import). A spec whose content hash matches an
 * existing version of the flow returns that version instead of a duplicate.
 */
export async function saveFlowVersion(
  actor: Actor,
  raw: unknown,
  intent: "create" | "import" = "import",
): Promise<SaveFlowVersionResult> {
  assertCan(actor, "flow:edit");
  const input = ZSaveFlowVersionInput.parse(raw);
  const spec = checkFlowSpec(input);
  const contentHash = flowContentHash(spec);
  try {
    return await transaction(async (tx) => {
      const { flow } = await resolveFlow(tx, actor, spec, input.flowId, intent, input.owner);
      const interfaceChanged = await linkInterface(tx, actor, flow, input.interfaceId);
      const same = await tx.flowVersion.findUnique({ where: { flowId_contentHash: { flowId: flow.id, contentHash } } });
      if (same)
        return { flowId: flow.id, flowName: flow.name, version: toVersionRow(same), isNew: false, interfaceChanged };
      const last = await tx.flowVersion.findFirst({
        where: { flowId: flow.id },
        orderBy: { version: "desc" },
        select: { version: true },
      });
      const version = await tx.flowVersion.create({
        data: {
          flowId: flow.id,
          version: (last?.version ?? 0) + 1,
          spec: JSON.parse(JSON.stringify(spec)),
          contentHash,
          note: input.note,
          createdBy: actor.email,
        },
      });
      await tx.flow.update({ where: { id: flow.id }, data: { description: spec.description ?? "" } });
      await appendAudit(tx, {
        actor,
        action: "flow.version.create",
        entityType: "FlowVersion",
        entityId: version.id,
        after: { flowId: flow.id, version: version.version, contentHash, note: input.note },
      });
      return { flowId: flow.id, flowName: flow.name, version: toVersionRow(version), isNew: true, interfaceChanged };
    });
  } catch (error) {
    mapPrismaError(error, "flow version");
  }
}

export async function getFlowVersionSpec(
  actor: Actor,
  flowVersionId: string,
): Promise<{ version: FlowVersionRow; flowName: string; spec: TFlowSpec }> {
  assertCan(actor, "flow:read");
  const v = await db().flowVersion.findUnique({
    where: { id: flowVersionId },
    include: { flow: { select: { name: true } } },
  });
  if (!v) throw new AppError("NOT_FOUND", "That flow version does not exist.");
  return { version: toVersionRow(v), flowName: v.flow.name, spec: ZFlowSpec.parse(v.spec) };
}

/** A version as a YAML or JSON document that `saveFlowVersion` (import) accepts back unchanged. */
export async function exportFlowVersion(
  actor: Actor,
  raw: unknown,
): Promise<{ filename: string; contentType: string; content: string }> {
  const input = ZExportFlowInput.parse(raw);
  const { version, flowName, spec } = await getFlowVersionSpec(actor, input.flowVersionId);
  const content = serializeFlowDocument(spec, input.format);
  return {
    filename: `${flowName}-v${version.version}.${input.format === "yaml" ? "yaml" : "json"}`,
    contentType: input.format === "yaml" ? "application/yaml" : "application/json",
    content,
  };
}

export type FlowVersionOption = { id: string; version: number };

/** The versions of each given flow, oldest first (the DLQ's bulk replay offers the newer ones as targets). */
export async function flowVersionOptions(
  actor: Actor,
  flowIds: string[],
): Promise<Record<string, FlowVersionOption[]>> {
  assertCan(actor, "flow:read");
  const ids = [...new Set(flowIds)].slice(0, 500);
  if (!ids.length) return {};
  const rows = await db().flowVersion.findMany({
    where: { flowId: { in: ids } },
    orderBy: [{ flowId: "asc" }, { version: "asc" }],
    select: { id: true, flowId: true, version: true },
  });
  const out: Record<string, FlowVersionOption[]> = {};
  for (const r of rows) (out[r.flowId] ??= []).push({ id: r.id, version: r.version });
  return out;
}
