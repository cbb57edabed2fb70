import type { TMasterAttribute, TMasterConfig, TMasterRecord, TProvenance } from "./config";
import { isBlank, normalizeText } from "./normalize";

export type TGoldenView = { attributes: Record<string, unknown>; provenance: Record<string, TProvenance> };

/**
 * The golden record of a cluster, attribute by attribute, from ALL its source records. Every rule ends
 * in the same chain of tie-breaks (source priority, then most recent, then system and source id), so
 * the result is a function of the set of records, never of the order they arrived in.
 */
export function computeGolden(config: TMasterConfig, records: TMasterRecord[]): TGoldenView {
  const attributes: Record<string, unknown> = {};
  const provenance: Record<string, TProvenance> = {};
  for (const attribute of config.attributes) {
    const winner = pickWinner(config, attribute, records);
    if (!winner) continue;
    attributes[attribute.name] = winner.record.attributes[attribute.name];
    provenance[attribute.name] = {
      system: winner.record.system,
      sourceRecordId: winner.record.id,
      sourceId: winner.record.sourceId,
      rule: winner.rule,
      observedAt: winner.record.observedAt,
    };
  }
  return { attributes, provenance };
}

type TRule = TMasterAttribute["survivorship"];

function pickWinner(
  config: TMasterConfig,
  attribute: TMasterAttribute,
  records: TMasterRecord[],
): { record: TMasterRecord; rule: TRule } | null {
  const withValue = records.filter((r) => !isBlank(r.attributes[attribute.name]));
  if (!withValue.length) return null;
  const priority = attribute.priority.length ? attribute.priority : config.sourcePriority;
  const rank = (system: string) => {
    const i = priority.indexOf(system);
    return i === -1 ? priority.length : i;
  };
  const bySource = (a: TMasterRecord, b: TMasterRecord) => rank(a.system) - rank(b.system);
  const byRecency = (a: TMasterRecord, b: TMasterRecord) => Date.parse(b.observedAt) - Date.parse(a.observedAt);
  const completeness = (r: TMasterRecord) => normalizeText(r.attributes[attribute.name]).replace(/ /g, "").length;
  const byCompleteness = (a: TMasterRecord, b: TMasterRecord) => completeness(b) - completeness(a);
  const byIdentity = (a: TMasterRecord, b: TMasterRecord) =>
    a.system !== b.system
      ? a.system < b.system
        ? -1
        : 1
      : a.sourceId < b.sourceId
        ? -1
        : a.sourceId > b.sourceId
          ? 1
          : 0;
  const chain = (...cmp: ((a: TMasterRecord, b: TMasterRecord) => number)[]) =>
    [...withValue].sort((a, b) => {
      for (const c of cmp) {
        const d = c(a, b);
        if (d !== 0) return d;
      }
      return 0;
    })[0];

  let rule: TRule = attribute.survivorship;
  if (rule === "trusted_source") {
    const trusted = withValue.filter((r) => r.system === attribute.trustedSystem);
    if (trusted.length) {
      const record = [...trusted].sort((a, b) => byRecency(a, b) || byIdentity(a, b))[0];
      return { record, rule };
    }
    rule = "source_priority";
  }
  switch (rule) {
    case "most_recent":
      return { record: chain(byRecency, bySource, byIdentity), rule };
    case "most_complete":
      return { record: chain(byCompleteness, bySource, byRecency, byIdentity), rule };
    default:
      return { record: chain(bySource, byRecency, byIdentity), rule: "source_priority" };
  }
}
