import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sharedEvaluator } from "@/lib/engine/sandbox/evaluator";
import { compileRuleSet, evaluateRecord } from "@/lib/quality/rules";
import { ruleSetConfigKind } from "../rules/config-item";
import type { TQuarantineViolation } from "./list";

export type TRecheck = { ruleSetVersion: number; violations: TQuarantineViolation[]; unchecked: string[] };

/**
 * Checks a fixed record with the pure evaluator against what its resubmission will meet: the rule
 * set's version deployed in the entry's environment now (else the version that quarantined it).
 * Lookup rules need the engine's master data and are listed as unchecked; the engine checks them.
 */
export async function recheckRecord(
  tx: Tx,
  entry: { ruleSetKey: string; ruleSetVersionId: string; environmentId: string },
  record: unknown,
): Promise<TRecheck> {
  const kind = ruleSetConfigKind;
  const deployed = (await kind.listDeployed(tx, entry.environmentId)).find((d) => d.key === entry.ruleSetKey);
  const version = deployed ?? (await kind.loadVersion(tx, entry.ruleSetVersionId));
  if (!version)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Rule set "${entry.ruleSetKey}" no longer exists; the fix cannot be re-checked.`,
    );
  const compiled = compileRuleSet(version.document, { evaluator: sharedEvaluator() });
  const violations = (await evaluateRecord(compiled, record))
    .filter((v) => v.severity === "error")
    .map(({ ruleId, field, value, message }) => ({ ruleId, field, value, message }));
  return { ruleSetVersion: version.version, violations, unchecked: compiled.unchecked };
}
