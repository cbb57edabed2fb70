import { describe, expect, it } from "vitest";
import { quadrantOf } from "./quadrants";
import { describeSparkline } from "./sparkline-text";

describe("describeSparkline", () => {
  it("summarises range, latest value and trend, skipping gaps", () => {
    expect(describeSparkline("Runs", [3, null, 9, 1200])).toBe(
      "Runs: 3 points, low 3, high 1,200, latest 1,200, trend up",
    );
    expect(describeSparkline("Errors", [5, 2])).toContain("trend down");
    expect(describeSparkline("Flat", [4, 4])).toContain("trend flat");
  });

  it("says when there is nothing to show", () => {
    expect(describeSparkline("Runs", [])).toBe("Runs: no data");
    expect(describeSparkline("Runs", [null])).toBe("Runs: no data");
  });
});

describe("quadrantOf", () => {
  const dividers = { x: 5, y: 5 };
  it("places points, with ties on the high side", () => {
    expect(quadrantOf({ x: 1, y: 9 }, dividers)).toBe("topLeft");
    expect(quadrantOf({ x: 9, y: 9 }, dividers)).toBe("topRight");
    expect(quadrantOf({ x: 1, y: 1 }, dividers)).toBe("bottomLeft");
    expect(quadrantOf({ x: 9, y: 1 }, dividers)).toBe("bottomRight");
    expect(quadrantOf({ x: 5, y: 5 }, dividers)).toBe("topRight");
  });
});
