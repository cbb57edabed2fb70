import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { applyMasks, type TCompiledMask } from "@/lib/quality/privacy/policy";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { portalMaskKeys } from "./keys";
import { viewMasks } from "./flow-context";

/**
 * A stored payload (JSON text) as a viewer may see it: in clear with quality:sensitive, masked otherwise.
 * Text that is not JSON cannot be masked by field and is withheld when any field of the flow is classified.
 */
export async function payloadForViewer(
  actor: Actor,
  at: { flowId: string; environmentId: string; flowVersionId: string; side: "input" | "output" },
  text: string | null,
): Promise<{ text: string | null; isMasked: boolean }> {
  if (text === null || can(actor.role, "quality:sensitive")) return { text, isMasked: false };
  const masks = await viewMasks(at.flowId, at.environmentId, at.flowVersionId, at.side);
  if (!masks.length) return { text, isMasked: false };
  return { text: await maskText(text, masks), isMasked: true };
}

/** Whether this viewer sees the payloads at that point masked (so must not edit them: the masks would be saved). */
export async function isMaskedForViewer(
  actor: Actor,
  at: { flowId: string; environmentId: string; flowVersionId: string; side: "input" | "output" },
): Promise<boolean> {
  if (can(actor.role, "quality:sensitive")) return false;
  return (await viewMasks(at.flowId, at.environmentId, at.flowVersionId, at.side)).length > 0;
}

/**
 * A stored JSON value (a quarantined record, say) as a viewer may see it: in clear with quality:sensitive,
 * masked like the payload views otherwise.
 */
export async function valueForViewer(
  actor: Actor,
  at: { flowId: string; environmentId: string; flowVersionId: string; side: "input" | "output" },
  value: unknown,
): Promise<{ value: unknown; isMasked: boolean }> {
  if (value === null || value === undefined || can(actor.role, "quality:sensitive")) return { value, isMasked: false };
  const masks = await viewMasks(at.flowId, at.environmentId, at.flowVersionId, at.side);
  if (!masks.length) return { value, isMasked: false };
  return { value: await maskBody(value, masks), isMasked: true };
}

/**
 * Refuses an edit of a payload this viewer sees masked: the masks typed over would replace the values
 * downstream. `instead` says what the viewer can do.
 */
export async function assertEditableByViewer(
  actor: Actor,
  at: { flowId: string; environmentId: string; flowVersionId: string },
  what: string,
  instead: string,
): Promise<void> {
  if (await isMaskedForViewer(actor, { ...at, side: "input" }))
    throw new AppError(
      "FORBIDDEN",
      `This ${what} has classified fields that are masked for you, so it cannot be edited here. ${instead}, or ask someone allowed to view sensitive data.`,
    );
}

async function maskText(text: string, masks: TCompiledMask[]): Promise<string> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "[withheld: this payload is not JSON and its flow carries classified fields]";
  }
  return JSON.stringify(await maskBody(body, masks), null, 2);
}

async function maskBody(body: unknown, masks: TCompiledMask[]): Promise<unknown> {
  const needsKeys = masks.some((m) => m.mask.method === "hash" || m.mask.method === "tokenize");
  // A key that cannot be unwrapped (KEK missing or changed) must not break the page: redact instead.
  const keys = needsKeys
    ? await portalMaskKeys().catch((error: unknown) => {
        logger().warn(
          { err: error instanceof Error ? error.name : "Error" },
          "token key could not be unwrapped for a masked view; hash and tokenize rules redact",
        );
        return null;
      })
    : null;
  // Without a key yet, hash and tokenize rules fall back to redaction rather than showing the value.
  const usable = keys
    ? masks
    : masks.map((m) =>
        m.mask.method === "hash" || m.mask.method === "tokenize" ? { ...m, mask: { method: "redact" as const } } : m,
      );
  return applyMasks(body, usable, keys);
}
