import { describe, expect, it } from "vitest";
import { scoreReadiness } from "./score";

describe("scoreReadiness", () => {
  it("scores a fully ready department 100 and gives its whole bandwidth", () => {
    const r = scoreReadiness({
      bandwidthFte: 3,
      technicalLiteracy: 5,
      sponsorship: 5,
      changeFatigue: 0,
      priorFailures: 0,
      jobSecurityConcern: 0,
      processAttachment: 0,
    });
    expect(r.score).toBe(100);
    expect(r.waveCapacityFte).toBe(3);
  });

  it("weights bandwidth, literacy, sponsorship and resistance and explains the steps", () => {
    const r = scoreReadiness({
      bandwidthFte: 1.5,
      technicalLiteracy: 3,
      sponsorship: 1,
      changeFatigue: 3,
      priorFailures: 3,
      jobSecurityConcern: 0,
      processAttachment: 0,
    });
    // 30×0.5 + 25×0.5 + 15×0 + 30×0.5 = 42.5 → 43 (rounded)
    expect(r.dimensions).toEqual({ bandwidth: 50, literacy: 50, sponsorship: 0, resistance: 50 });
    expect(r.score).toBe(43);
    expect(r.waveCapacityFte).toBeCloseTo(0.65, 2);
    expect(r.steps.at(-1)).toContain("1.5 FTE × 43 %");
  });

  it("caps bandwidth and floors at zero", () => {
    const r = scoreReadiness({
      bandwidthFte: 0,
      technicalLiteracy: 1,
      sponsorship: 1,
      changeFatigue: 3,
      priorFailures: 3,
      jobSecurityConcern: 3,
      processAttachment: 3,
    });
    expect(r.score).toBe(0);
    expect(r.waveCapacityFte).toBe(0);
    expect(
      scoreReadiness({
        bandwidthFte: 30,
        technicalLiteracy: 5,
        sponsorship: 5,
        changeFatigue: 0,
        priorFailures: 0,
        jobSecurityConcern: 0,
        processAttachment: 0,
      }).dimensions.bandwidth,
    ).toBe(100);
  });
});
