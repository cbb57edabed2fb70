import { describe, expect, it } from "vitest";
import { bulkReplayTargets } from "./replay-targets";

const versions = {
  a: [
    { id: "a1", version: 1 },
    { id: "a2", version: 2 },
    { id: "a3", version: 3 },
    { id: "a4", version: 4 },
  ],
  b: [{ id: "b1", version: 1 }],
};

describe("bulkReplayTargets", () => {
  it("offers the versions newer than the one every selected letter failed on", () => {
    expect(
      bulkReplayTargets(
        [
          { flowId: "a", version: 2 },
          { flowId: "a", version: 2 },
        ],
        versions,
      ),
    ).toEqual({
      flowIds: ["a"],
      targets: [
        { id: "a3", version: 3 },
        { id: "a4", version: 4 },
      ],
    });
  });

  it("never offers a version older than any selected letter's, but offers the newest failed version to the older letters", () => {
    const { targets } = bulkReplayTargets(
      [
        { flowId: "a", version: 1 },
        { flowId: "a", version: 3 },
      ],
      versions,
    );
    expect(targets.map((t) => t.version)).toEqual([3, 4]);
  });

  it("offers nothing when the letters come from more than one flow", () => {
    expect(
      bulkReplayTargets(
        [
          { flowId: "a", version: 1 },
          { flowId: "b", version: 1 },
        ],
        versions,
      ),
    ).toEqual({ flowIds: ["a", "b"], targets: [] });
  });

  it("offers nothing without a selection, or when no newer version exists", () => {
    expect(bulkReplayTargets([], versions)).toEqual({ flowIds: [], targets: [] });
    expect(bulkReplayTargets([{ flowId: "a", version: 4 }], versions).targets).toEqual([]);
    expect(bulkReplayTargets([{ flowId: "b", version: 1 }], versions).targets).toEqual([]);
  });
});
