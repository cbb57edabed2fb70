/**
 * A [min, max] domain that covers every value and any extra reference values (e.g. quadrant
 * dividers), padded so points on the edge are not clipped. A flat range is widened to stay drawable.
 */
export function paddedDomain(
  values: readonly number[],
  include: readonly number[] = [],
  padRatio = 0.08,
): [number, number] {
  const all = [...values, ...include].filter((v) => Number.isFinite(v));
  if (all.length === 0) return [0, 1];
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    const spread = Math.abs(min) > 0 ? Math.abs(min) * 0.5 : 1;
    min -= spread;
    max += spread;
  }
  const pad = (max - min) * padRatio;
  return [min - pad, max + pad];
}

/** Smallest and largest finite value, or undefined when there is none. */
export function extent(values: readonly (number | null | undefined)[]): { min: number; max: number } | undefined {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (finite.length === 0) return undefined;
  return { min: Math.min(...finite), max: Math.max(...finite) };
}
