import { describe, expect, it } from "vitest";
import { findCycles, planWaves, type WaveCandidate, type WaveOptions } from "./waves";

const c = (id: string, priority = 1, effortFte = 1, departmentId: string | null = "ops"): WaveCandidate => ({
  id,
  name: id.toUpperCase(),
  departmentId,
  effortFte,
  priority,
});
const opts: WaveOptions = { capacityByDepartment: {}, defaultCapacityFte: 10, maxWaves: 12 };
const waveOf = (plan: ReturnType<typeof planWaves>, id: string) =>
  plan.waves.find((w) => w.candidateIds.includes(id))?.number;

describe("planWaves: dependencies", () => {
  it("puts a dependent candidate in a later wave than what it depends on (topological order)", () => {
    const plan = planWaves(
      [c("a"), c("b"), c("c"), c("d")],
      [
        { candidateId: "b", dependsOnId: "a" },
        { candidateId: "c", dependsOnId: "b" },
        { candidateId: "d", dependsOnId: "a" },
      ],
      opts,
    );
    expect(plan.cycles).toEqual([]);
    expect(waveOf(plan, "a")).toBe(1);
    expect(waveOf(plan, "b")).toBe(2);
    expect(waveOf(plan, "d")).toBe(2);
    expect(waveOf(plan, "c")).toBe(3);
    expect(plan.unscheduled).toEqual([]);
  });

  it("reports a cycle with its candidates and schedules neither them nor their dependents", () => {
    const plan = planWaves(
      [c("a"), c("b"), c("c"), c("x"), c("y")],
      [
        { candidateId: "a", dependsOnId: "b" },
        { candidateId: "b", dependsOnId: "c" },
        { candidateId: "c", dependsOnId: "a" },
        { candidateId: "y", dependsOnId: "a" },
      ],
      opts,
    );
    expect(plan.cycles).toHaveLength(1);
    expect([...plan.cycles[0]].sort()).toEqual(["a", "b", "c"]);
    const reasons = Object.fromEntries(plan.unscheduled.map((u) => [u.candidateId, u.reason]));
    expect(reasons.a).toMatch(/dependency cycle: .*→.*→.*→/);
    expect(reasons.y).toMatch(/Depends on A/);
    expect(waveOf(plan, "x")).toBe(1);
    expect(waveOf(plan, "a")).toBeUndefined();
  });

  it("reports a self-dependency as a cycle", () => {
    expect(findCycles(["a", "b"], [{ candidateId: "a", dependsOnId: "a" }])).toEqual([["a"]]);
  });

  it("ignores dependencies on candidates outside the plan", () => {
    const plan = planWaves([c("a")], [{ candidateId: "a", dependsOnId: "zzz" }], opts);
    expect(waveOf(plan, "a")).toBe(1);
  });
});

describe("planWaves: capacity", () => {
  it("limits each wave to the department's FTE capacity, highest priority first", () => {
    const plan = planWaves([c("low", 1), c("high", 9), c("mid", 5)], [], { ...opts, capacityByDepartment: { ops: 2 } });
    expect(plan.waves[0].candidateIds).toEqual(["high", "mid"]);
    expect(plan.waves[0].load).toEqual({ ops: 2 });
    expect(plan.waves[1].candidateIds).toEqual(["low"]);
  });

  it("lets different departments run in parallel in the same wave", () => {
    const plan = planWaves([c("a", 1, 1, "ops"), c("b", 1, 1, "hr"), c("n", 1, 5, null)], [], {
      ...opts,
      capacityByDepartment: { ops: 1, hr: 1 },
    });
    expect(plan.waves).toHaveLength(1);
  });

  it("uses the default capacity for unassessed departments", () => {
    const plan = planWaves([c("a", 1, 1, "new"), c("b", 1, 1, "new")], [], { ...opts, defaultCapacityFte: 1 });
    expect(plan.waves.map((w) => w.candidateIds)).toEqual([["a"], ["b"]]);
  });

  it("reports a candidate larger than its department's capacity instead of scheduling it", () => {
    const plan = planWaves([c("big", 1, 3), c("after"), c("ok")], [{ candidateId: "after", dependsOnId: "big" }], {
      ...opts,
      capacityByDepartment: { ops: 2 },
    });
    const reasons = Object.fromEntries(plan.unscheduled.map((u) => [u.candidateId, u.reason]));
    expect(reasons.big).toMatch(/Needs 3 FTE .* at most 2 FTE/);
    expect(reasons.after).toMatch(/Depends on BIG/);
    expect(waveOf(plan, "ok")).toBe(1);
  });

  it("reports what does not fit within the maximum number of waves", () => {
    const plan = planWaves([c("a"), c("b"), c("c")], [], { ...opts, capacityByDepartment: { ops: 1 }, maxWaves: 2 });
    expect(plan.waves).toHaveLength(2);
    expect(plan.unscheduled).toHaveLength(1);
    expect(plan.unscheduled[0].reason).toMatch(/within 2 waves/);
  });
});
