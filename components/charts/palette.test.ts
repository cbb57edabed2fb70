import { describe, expect, it } from "vitest";
import { HEAT_SCALE, SERIES_COLORS, heatColor, seriesColor } from "./palette";

describe("palette", () => {
  it("cycles series colours, also for negative indexes", () => {
    expect(seriesColor(0)).toBe(SERIES_COLORS[0]);
    expect(seriesColor(SERIES_COLORS.length)).toBe(SERIES_COLORS[0]);
    expect(seriesColor(-1)).toBe(SERIES_COLORS[SERIES_COLORS.length - 1]);
  });

  it("maps values onto the heat scale with readable text", () => {
    expect(heatColor(0, 0, 10)).toEqual({ background: HEAT_SCALE[0], text: "#1e293b" });
    expect(heatColor(10, 0, 10)).toEqual({ background: HEAT_SCALE[HEAT_SCALE.length - 1], text: "#ffffff" });
    expect(heatColor(99, 0, 10).background).toBe(HEAT_SCALE[HEAT_SCALE.length - 1]);
    // A flat range (all values equal) sits mid-scale instead of dividing by zero.
    expect(heatColor(3, 3, 3).background).toBe(HEAT_SCALE[Math.round(0.5 * (HEAT_SCALE.length - 1))]);
  });
});
