import { similarity, tokenSimilarity } from "./compare";
import type { TMasterAttribute, TMasterConfig, TMasterRecord } from "./config";
import { isBlank, normalizeValue } from "./normalize";

export type TFieldScore = { attribute: string; similarity: number; weight: number };
export type TPairScore = { score: number; rule: string; fieldScores: TFieldScore[] };

/** A golden record as a candidate: the source records it is built from. */
export type TCandidate = { goldenId: string; records: TMasterRecord[] };

export type TMatchDecision =
  | { kind: "match"; goldenId: string; score: number; rule: string; fieldScores: TFieldScore[] }
  | { kind: "new"; reviews: ({ goldenId: string } & TPairScore)[] };

const attributeOf = (config: TMasterConfig, name: string): TMasterAttribute =>
  config.attributes.find((a) => a.name === name) ?? {
    name,
    label: "",
    type: "string",
    survivorship: "source_priority",
    priority: [],
  };

function normalized(config: TMasterConfig, record: Pick<TMasterRecord, "attributes">, name: string): string {
  const value = record.attributes[name];
  return isBlank(value) ? "" : normalizeValue(attributeOf(config, name).type, value);
}

/**
 * The keys under which a record is filed: one per deterministic key it has every attribute of
 * ("key:email=a@b.c"), plus its blocking keys ("block:name=smi"). Only records sharing a key are compared.
 */
export function blockingKeys(config: TMasterConfig, record: Pick<TMasterRecord, "attributes">): string[] {
  const keys = new Set<string>();
  for (const key of config.deterministicKeys) {
    const values = key.map((name) => normalized(config, record, name));
    if (values.every(Boolean)) keys.add(`key:${key.join("+")}=${values.join("|")}`);
  }
  for (const b of config.blocking) {
    const value = normalized(config, record, b.attribute);
    if (!value) continue;
    if (b.method === "exact") keys.add(`block:${b.attribute}=${value}`);
    else if (b.method === "prefix") keys.add(`block:${b.attribute}=${value.slice(0, b.length)}`);
    else for (const token of value.split(" ")) keys.add(`block:${b.attribute}=${token.slice(0, b.length)}`);
  }
  return [...keys].sort();
}

/**
 * How alike two records are: 1 with the rule "key:<attributes>" when a deterministic key is equal,
 * else the weighted mean of the fuzzy fields both records have. Fields missing on either side do not
 * count, but when fewer than half the weight could be compared the score shrinks in proportion, so two
 * records that share only a similar name do not match.
 */
export function scorePair(config: TMasterConfig, a: TMasterRecord, b: TMasterRecord): TPairScore {
  for (const key of config.deterministicKeys) {
    const left = key.map((name) => normalized(config, a, name));
    const right = key.map((name) => normalized(config, b, name));
    if (left.every(Boolean) && left.every((v, i) => v === right[i]))
      return {
        score: 1,
        rule: `key:${key.join("+")}`,
        fieldScores: key.map((attribute) => ({ attribute, similarity: 1, weight: 0 })),
      };
  }
  const fieldScores: TFieldScore[] = [];
  let total = 0;
  let compared = 0;
  let sum = 0;
  for (const f of config.fuzzy) {
    total += f.weight;
    const left = normalized(config, a, f.attribute);
    const right = normalized(config, b, f.attribute);
    if (!left || !right) continue;
    const s =
      attributeOf(config, f.attribute).type === "name"
        ? tokenSimilarity(f.comparator, left, right)
        : similarity(f.comparator, left, right);
    fieldScores.push({ attribute: f.attribute, similarity: round(s), weight: f.weight });
    compared += f.weight;
    sum += s * f.weight;
  }
  if (compared === 0) return { score: 0, rule: "fuzzy", fieldScores };
  const coverage = compared / total;
  const score = (sum / compared) * Math.min(1, coverage / 0.5);
  return { score: round(score), rule: "fuzzy", fieldScores };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Where a new record belongs: the best-scoring candidate at or above the match threshold (ties broken by
 * golden id, so the decision never depends on candidate order), else a new golden record, with the
 * candidates in the review band for a steward. `rejected` are golden ids a steward said it is not.
 */
export function decideMatch(
  config: TMasterConfig,
  record: TMasterRecord,
  candidates: TCandidate[],
  rejected: ReadonlySet<string> = new Set(),
): TMatchDecision {
  const scored = candidates
    .filter((c) => !rejected.has(c.goldenId))
    .map((c) => {
      let best: TPairScore = { score: 0, rule: "fuzzy", fieldScores: [] };
      for (const r of c.records) {
        const s = scorePair(config, record, r);
        if (s.score > best.score) best = s;
      }
      return { goldenId: c.goldenId, ...best };
    })
    .sort((x, y) => y.score - x.score || (x.goldenId < y.goldenId ? -1 : 1));
  const top = scored[0];
  if (top && top.score >= config.matchThreshold) return { kind: "match", ...top };
  return { kind: "new", reviews: scored.filter((s) => s.score >= config.reviewThreshold) };
}
