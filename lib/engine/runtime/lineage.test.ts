import { describe, expect, it } from "vitest";
import { createMessage, REPLAY_HEADER, RESUBMIT_HEADER } from "@/lib/engine/core/message";
import { decideLineage, keepsRun, sampledIn } from "./lineage";

describe("lineage levels", () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `msg-${i}`);

  it("samples about the set fraction of message ids, the same way every time", () => {
    for (const rate of [0.01, 0.1, 0.5]) {
      const n = ids.filter((id) => sampledIn(id, rate)).length;
      expect(n / ids.length).toBeGreaterThan(rate * 0.8);
      expect(n / ids.length).toBeLessThan(rate * 1.2);
    }
    expect(ids.filter((id) => sampledIn(id, 0.1))).toEqual(ids.filter((id) => sampledIn(id, 0.1)));
    expect(ids.every((id) => sampledIn(id, 1))).toBe(true);
    expect(ids.some((id) => sampledIn(id, 0))).toBe(false);
  });

  it("keeps every run at full, failed and replayed runs at every level, and sampled-in successes at sampled", () => {
    const msg = createMessage({ id: "m-1", body: {} });
    const replay = createMessage({ id: "m-2", body: {}, headers: { [REPLAY_HEADER]: "dl-1" } });
    const resubmit = createMessage({ id: "m-3", body: {}, headers: { [RESUBMIT_HEADER]: "q-1" } });
    expect(keepsRun(decideLineage(msg.id, "full", 0), "ok", msg)).toBe(true);
    for (const level of ["sampled", "errors"] as const) {
      const d = decideLineage(msg.id, level, 0);
      expect(keepsRun(d, "ok", msg)).toBe(false);
      expect(keepsRun(d, "filtered", msg)).toBe(false);
      expect(keepsRun(d, "failed", msg)).toBe(true);
      expect(keepsRun(d, "dead_lettered", msg)).toBe(true);
      expect(keepsRun(decideLineage(replay.id, level, 0), "ok", replay)).toBe(true);
      expect(keepsRun(decideLineage(resubmit.id, level, 0), "ok", resubmit)).toBe(true);
    }
    const inSample = ids.find((id) => sampledIn(id, 0.5))!;
    expect(decideLineage(inSample, "sampled", 0.5).sampled).toBe(true);
    expect(decideLineage(inSample, "errors", 0.5).sampled).toBe(false);
  });
});
