export * from "./config";
export {
  blockingKeys,
  decideMatch,
  scorePair,
  type TCandidate,
  type TFieldScore,
  type TMatchDecision,
  type TPairScore,
} from "./match";
export { computeGolden, type TGoldenView } from "./survivorship";
export { normalizeValue, normalizeText, isBlank } from "./normalize";
export { similarity, levenshteinRatio } from "./compare";
