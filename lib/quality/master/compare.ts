import { distance } from "fastest-levenshtein";
import jaroWinkler from "talisman/metrics/jaro-winkler.js";
import type { COMPARATORS } from "./config";

/** Similarity in [0, 1] of two normalized values. */
export function similarity(comparator: (typeof COMPARATORS)[number], a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  switch (comparator) {
    case "exact":
      return 0;
    case "levenshtein":
      return levenshteinRatio(a, b);
    case "jaro_winkler":
      return jaroWinkler(a, b);
  }
}

/** 1 − edit distance / length of the longer string. */
export function levenshteinRatio(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/**
 * Names token by token (symmetric Monge-Elkan): each token's best match on the other side, averaged
 * both ways. "Ann Smith" and "Bob Smith" share only half their tokens, where a comparison of the whole
 * strings would call them close.
 */
export function tokenSimilarity(comparator: (typeof COMPARATORS)[number], a: string, b: string): number {
  if (a === b) return 1;
  const left = a.split(" ").filter(Boolean);
  const right = b.split(" ").filter(Boolean);
  if (!left.length || !right.length) return 0;
  const oneWay = (xs: string[], ys: string[]) =>
    xs.reduce((sum, x) => sum + Math.max(...ys.map((y) => similarity(comparator, x, y))), 0) / xs.length;
  return (oneWay(left, right) + oneWay(right, left)) / 2;
}
