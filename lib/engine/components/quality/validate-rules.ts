import { z } from "zod";
import { defineComponent, type EngineDeps } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import { RESUBMIT_HEADER, type Message } from "@/lib/engine/core/message";
import type { TDeployedRuleSet, TQuarantineEntry, TViolation } from "@/lib/engine/core/quality";
import { compileRuleSet, evaluateRecord, parseFieldPath, type TCompiledRuleSet } from "@/lib/quality/rules";
import { evaluatorOf } from "../shared/expressions";

const zRecordsPath = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/, "a dotted path to the array of records, e.g. payload.orders")
  .describe(
    "Where the records are: a dotted path (JSONata path syntax) to an array in the body. Default: the body itself, or each element when the body is an array.",
  );

export const ZValidateRulesConfig = z
  .object({
    ruleSet: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("Key of the rule set whose version deployed in the run's environment checks the records."),
    records: zRecordsPath.optional(),
    onMissingRuleSet: z
      .enum(["fail", "pass"])
      .default("fail")
      .describe("When no version of the rule set is deployed here: fail the message (default) or let it pass."),
  })
  .strict();
export type TValidateRulesConfig = z.output<typeof ZValidateRulesConfig>;

/** How many violations a failed message's error lists when there is no quarantine. */
const MAX_LISTED = 10;

type TLocated = { records: unknown[]; rebuild: (kept: unknown[]) => unknown; isSingle: boolean };

/** Where the message's records are, and how to put the passing ones back. */
function locate(config: TValidateRulesConfig, msg: Message): TLocated {
  const body = msg.body;
  // A resubmitted record travels alone, whatever shape the original message had.
  if (RESUBMIT_HEADER in msg.headers || (!config.records && !Array.isArray(body)))
    return { records: [body], rebuild: (kept) => kept[0], isSingle: true };
  if (!config.records) return { records: body as unknown[], rebuild: (kept) => kept, isSingle: false };
  const names = parseFieldPath(config.records).map((s) => s.name);
  let at: unknown = body;
  for (const n of names) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[n] : undefined;
  if (!Array.isArray(at)) throw new PermanentError(`validate_rules: ${config.records} is not an array in the body`);
  const rebuild = (kept: unknown[]) => {
    const copy = structuredClone(body) as Record<string, unknown>;
    let parent = copy;
    for (const n of names.slice(0, -1)) parent = parent[n] as Record<string, unknown>;
    parent[names[names.length - 1]] = kept;
    return copy;
  };
  return { records: at, rebuild, isSingle: false };
}

const describe = (v: TViolation) => `${v.ruleId} ${v.field}: ${v.message}`;

/**
 * The entry-point validate step: each record is checked against the rule set deployed in the run's
 * environment; records with error violations go to the quarantine (durable before the message moves
 * on) and only passing records continue.
 */
class ValidateRules {
  private compiled: { versionId: string; rules: TCompiledRuleSet } | null = null;

  constructor(
    private readonly config: TValidateRulesConfig,
    private readonly deps: EngineDeps,
  ) {}

  private async ruleSet(): Promise<{ deployed: TDeployedRuleSet; rules: TCompiledRuleSet } | null> {
    const deployed = (await this.deps.ruleSets?.get(this.config.ruleSet)) ?? null;
    if (!deployed) return null;
    if (this.compiled?.versionId !== deployed.versionId) {
      let rules: TCompiledRuleSet;
      try {
        rules = compileRuleSet(deployed.document, {
          evaluator: evaluatorOf(this.deps),
          masterData: this.deps.masterData,
        });
      } catch (error) {
        throw new PermanentError(
          `rule set "${deployed.key}" v${deployed.version} does not compile: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      // Fail closed: a lookup rule that cannot run here must not let records through unchecked.
      if (rules.unchecked.length)
        throw new PermanentError(
          `rule set "${deployed.key}" has lookup rules (${rules.unchecked.join(", ")}) but this engine has no master-data service`,
        );
      this.compiled = { versionId: deployed.versionId, rules };
    }
    return { deployed, rules: this.compiled.rules };
  }

  async process(msg: Message, run?: { inputId: string }): Promise<Message[]> {
    if (typeof msg.body === "string" || Buffer.isBuffer(msg.body))
      throw new PermanentError("validate_rules needs a parsed body; add a parse step first");
    const found = await this.ruleSet();
    if (!found) {
      if (this.config.onMissingRuleSet === "pass") return [msg];
      throw new PermanentError(`no version of rule set "${this.config.ruleSet}" is deployed in this environment`);
    }
    const { deployed, rules } = found;
    const located = locate(this.config, msg);
    const stepId = this.deps.stepId ?? "validate_rules";
    const kept: unknown[] = [];
    const failing: TQuarantineEntry[] = [];
    for (let i = 0; i < located.records.length; i++) {
      const record = located.records[i];
      const errors = (await evaluateRecord(rules, record)).filter((v) => v.severity === "error");
      if (!errors.length) {
        kept.push(record);
        continue;
      }
      failing.push({
        stepId,
        ruleSetKey: deployed.key,
        ruleSetVersionId: deployed.versionId,
        messageId: msg.id,
        correlationId: msg.correlationId,
        inputId: run?.inputId ?? msg.id,
        recordIndex: i,
        record,
        violations: errors.map(({ ruleId, field, value, message }) => ({ ruleId, field, value, message })),
        headers: msg.headers,
      });
    }
    this.deps.ruleSets?.recordChecks?.({
      ruleSetKey: deployed.key,
      ruleSetVersionId: deployed.versionId,
      stepId,
      records: located.records,
      passed: kept.length,
      failed: failing.length,
    });
    if (!failing.length) return [msg];
    if (!this.deps.quarantine) {
      const all = failing.flatMap((f) =>
        f.violations.map((v) => (located.isSingle ? describe(v) : `record ${f.recordIndex}: ${describe(v)}`)),
      );
      const more = all.length > MAX_LISTED ? ` (and ${all.length - MAX_LISTED} more)` : "";
      throw new PermanentError(
        `${failing.length} of ${located.records.length} record(s) broke rule set "${deployed.key}" v${deployed.version}: ${all.slice(0, MAX_LISTED).join("; ")}${more}`,
      );
    }
    // Durable before the message moves on: a rejection fails the step and the input is redelivered.
    await this.deps.quarantine.put(failing);
    if (!kept.length || located.isSingle) return [];
    return [{ ...msg, body: located.rebuild(kept) }];
  }
}

export const validateRulesProcessor = defineComponent({
  kind: "processor",
  name: "validate_rules",
  status: "beta",
  // It waits on the quarantine (Postgres) and rule-set loads: the runner's timeout applies.
  bounded: false,
  summary:
    "Validation rules at an entry point: checks each record against the rule set deployed in this environment; failing records go to the quarantine with the rule, field and value, passing records continue.",
  config: ZValidateRulesConfig,
  create: (config, deps) => {
    const step = new ValidateRules(config, deps);
    return { process: (msg, _s, run) => step.process(msg, run) };
  },
});
