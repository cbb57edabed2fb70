import "server-only";
import type { TConfigKind } from "@/lib/config-items/kind";
import { AppError } from "@/lib/errors";
import { apiConfigKind } from "./apis/config-item";
import { flowConfigKind } from "./flows/config-item";
import { ruleSetConfigKind } from "./quality/rules/config-item";
import { maskingConfigKind } from "./quality/privacy/policies";

/**
 * The one list of deployable config kinds. A later module (gateway routes, API versions, rule sets,
 * masking policies) adds its kind here; export, diff, apply, change requests and rollback pick it up.
 * Export folders are the kind's plural: "flow" → flows/.
 */
export const CONFIG_KINDS: readonly TConfigKind<unknown>[] = [
  flowConfigKind as TConfigKind<unknown>,
  apiConfigKind as TConfigKind<unknown>,
  ruleSetConfigKind as TConfigKind<unknown>,
  maskingConfigKind as TConfigKind<unknown>,
];

export function configKind(kind: string): TConfigKind<unknown> {
  const found = CONFIG_KINDS.find((k) => k.kind === kind);
  if (!found)
    throw new AppError(
      "BAD_REQUEST",
      `Unknown config kind "${kind}"; known kinds: ${CONFIG_KINDS.map((k) => k.kind).join(", ")}.`,
    );
  return found;
}
