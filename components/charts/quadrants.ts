export type Quadrant = "topLeft" | "topRight" | "bottomLeft" | "bottomRight";

/** Which quadrant a point falls in; points on a divider count as top / right (the "higher" side). */
export function quadrantOf(point: { x: number; y: number }, dividers: { x: number; y: number }): Quadrant {
  const top = point.y >= dividers.y;
  const left = point.x < dividers.x;
  return top ? (left ? "topLeft" : "topRight") : left ? "bottomLeft" : "bottomRight";
}
