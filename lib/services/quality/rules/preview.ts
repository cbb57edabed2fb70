import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { sharedEvaluator } from "@/lib/engine/sandbox/evaluator";
import { AppError } from "@/lib/errors";
import { compileRuleSet, evaluateRecord, type TCompiledRuleSet, type TRuleViolation } from "@/lib/quality/rules";
import { ZRuleSetDocument } from "@/lib/quality/rules/document";
import { ZPreviewRuleSetImpact } from "@/lib/quality/rules/inputs";
import { previewValue } from "./mask";

export type TPreviewRow = {
  sampleId: string;
  seenAt: string;
  ruleId: string;
  field: string;
  value: string;
  message: string;
  severity: "error" | "warning";
  /** The record fails the current version too (false: the draft's change makes it fail). */
  failsCurrent: boolean;
};

export type TImpactPreview = {
  environmentKey: string;
  /** Records replayed (at most the limit; fewer when the step has seen fewer). */
  sampled: number;
  draftFailing: number;
  current: { version: number; failing: number } | null;
  /** Records that fail the draft but not the current version, and the reverse. */
  newlyFailing: number;
  newlyPassing: number;
  /** Error and warning violations of the draft, newest records first (at most MAX_ROWS). */
  rows: TPreviewRow[];
  isTruncated: boolean;
  /** Rules the preview cannot run (master-data lookups: the engine checks them). */
  unchecked: string[];
};

const MAX_ROWS = 500;

async function failures(compiled: TCompiledRuleSet, records: unknown[]): Promise<TRuleViolation[][]> {
  const out: TRuleViolation[][] = [];
  for (const r of records) out.push(await evaluateRecord(compiled, r));
  return out;
}
const isFailing = (v: TRuleViolation[]) => v.some((x) => x.severity === "error");

/**
 * The draft replayed over the last N records the environment's validate steps saw (QualityRecordSample),
 * beside the version enforced there now (else the latest): how many would fail, and which (record,
 * rule, field, value). Values are masked unless the actor holds quality:sensitive.
 */
export async function previewRuleSetImpact(actor: Actor, raw: unknown): Promise<TImpactPreview> {
  assertCan(actor, "quality:rules");
  const input = ZPreviewRuleSetImpact.parse(raw);
  const document = ZRuleSetDocument.parse(input.document);
  const ruleSet = await db().qualityRuleSet.findUnique({
    where: { id: input.ruleSetId },
    select: { id: true, key: true },
  });
  if (!ruleSet) throw new AppError("NOT_FOUND", "That rule set does not exist.");
  const env = await db().environment.findUnique({
    where: { id: input.environmentId },
    select: { id: true, key: true },
  });
  if (!env)
    throw new AppError("NOT_FOUND", "That environment does not exist.", {
      fieldErrors: { environmentId: ["Choose an environment."] },
    });
  const [samples, deployed, latest] = await Promise.all([
    db().qualityRecordSample.findMany({
      where: { ruleSetKey: ruleSet.key, environmentId: env.id },
      orderBy: { id: "desc" },
      take: input.limit,
      select: { id: true, record: true, seenAt: true },
    }),
    db().qualityRuleSetDeployment.findFirst({
      where: { ruleSetId: ruleSet.id, environmentId: env.id, activeSlot: { not: null } },
      select: { version: { select: { number: true, document: true } } },
    }),
    db().qualityRuleSetVersion.findFirst({
      where: { ruleSetId: ruleSet.id },
      orderBy: { number: "desc" },
      select: { number: true, document: true },
    }),
  ]);
  const currentVersion = deployed?.version ?? latest;
  const evaluator = sharedEvaluator();
  const draft = compileRuleSet(document, { evaluator });
  const records = samples.map((s) => s.record);
  const draftResults = await failures(draft, records);
  const currentResults = currentVersion
    ? await failures(compileRuleSet(currentVersion.document, { evaluator }), records)
    : null;
  const rows: TPreviewRow[] = [];
  let newlyFailing = 0;
  let newlyPassing = 0;
  draftResults.forEach((violations, i) => {
    const failsCurrent = currentResults ? isFailing(currentResults[i]) : false;
    if (isFailing(violations) && !failsCurrent) newlyFailing++;
    if (!isFailing(violations) && failsCurrent) newlyPassing++;
    for (const v of violations)
      rows.push({
        sampleId: samples[i].id.toString(),
        seenAt: samples[i].seenAt.toISOString(),
        ruleId: v.ruleId,
        field: v.field,
        value: previewValue(actor, v.value),
        message: v.message,
        severity: v.severity,
        failsCurrent,
      });
  });
  return {
    environmentKey: env.key,
    sampled: records.length,
    draftFailing: draftResults.filter(isFailing).length,
    current:
      currentVersion && currentResults
        ? { version: currentVersion.number, failing: currentResults.filter(isFailing).length }
        : null,
    newlyFailing,
    newlyPassing,
    rows: rows.slice(0, MAX_ROWS),
    isTruncated: rows.length > MAX_ROWS,
    unchecked: draft.unchecked,
  };
}
