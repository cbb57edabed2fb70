import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/**
 * Record values in the impact preview, for people without quality:sensitive: "•••" plus the last two
 * characters, enough to recognise a value without reading it. The masking policies replace this later.
 */
export function previewValue(actor: Actor, value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (can(actor.role, "quality:sensitive")) return text;
  return text.length ? `•••${text.length > 2 ? text.slice(-2) : ""}` : "";
}
