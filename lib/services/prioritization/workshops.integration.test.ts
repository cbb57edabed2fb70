import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/services/users";
import { ZCandidateInput } from "@/lib/validation/prioritization";
import { createCandidate, getCandidateOrThrow, setCandidateStatus } from "./candidates";
import { ensureDefaultCriteria } from "./criteria";
import {
  createGovernanceRule,
  listBreaches,
  recordArchitectureReview,
  saveProcessDecision,
} from "./governance-records";
import { getRoadmap, getMatrix } from "./roadmap";
import { createWorkshop, getLiveView, getParticipantView, lockWorkshop, submitScores } from "./workshops";

withTestDatabase();
const system = systemActor("test");
let facilitator: Actor;
let alice: Actor;
let bob: Actor;
let exec: Actor;
let processId: string;
let deptId: string;

async function user(email: string, role: Actor["role"]): Promise<Actor> {
  const u = await createUser(system, { email, name: email.split("@")[0], role, password: "long-enough-pass" });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

const baseCandidate = {
  description: "",
  effortFte: 1,
  interfaceIds: [],
  dependsOnIds: [],
  useInventoryInputs: true,
  volumePerMonth: 0,
  manualMinutesPerTxn: 0,
  minutesPerTxnAfter: 1,
  errorRatePct: 0,
  errorRateAfterPct: 0,
  costPerError: 25,
  loadedCostPerHour: 60,
  buildCost: 50_000,
  runCostPerYear: 5_000,
  discountRatePct: 8,
  years: 5,
};

async function expectAppError(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

beforeAll(async () => {
  facilitator = await user("fac@example.com", "facilitator");
  alice = await user("alice@example.com", "data_owner");
  bob = await user("bob@example.com", "cab_member");
  exec = await user("exec@example.com", "executive");
  const dept = await db().department.create({ data: { name: "Finance" } });
  deptId = dept.id;
  const p = await db().businessProcess.create({
    data: {
      name: "Invoice matching",
      departmentId: dept.id,
      volumePerMonth: 2000,
      manualMinutesPerTxn: 6,
      errorRatePct: 5,
    },
  });
  processId = p.id;
  await ensureDefaultCriteria(system);
});

describe("candidates", () => {
  it("derives ROI inputs from the inventory and explains them", async () => {
    const { id } = await createCandidate(facilitator, {
      ...baseCandidate,
      name: "AP automation",
      departmentId: deptId,
      processIds: [processId],
    });
    const c = await getCandidateOrThrow(facilitator, id);
    expect(c.inputs.volumePerMonth).toBe(2000);
    expect(c.inputs.errorRate).toBe(0.05);
    // 24,000 txn × 5 min ÷ 60 = 2,000 h
    expect(c.roi.annualHoursSaved.value).toBe(2000);
    expect(c.derived?.steps[0]).toContain("Invoice matching 2,000");
  });
});

describe("candidate percentages", () => {
  it("stores a percent as a fraction once, when the input was already parsed by the action", async () => {
    const parsed = ZCandidateInput.parse({
      ...baseCandidate,
      name: "Own figures",
      useInventoryInputs: false,
      errorRatePct: 5,
      errorRateAfterPct: 1,
      discountRatePct: 8,
    });
    const { id } = await createCandidate(facilitator, parsed);
    const c = await getCandidateOrThrow(facilitator, id);
    expect(c.inputs.errorRate).toBe(0.05);
    expect(c.inputs.errorRateAfter).toBe(0.01);
    expect(c.inputs.discountRate).toBe(0.08);
  });
});

describe("workshop scoring", () => {
  let sessionId: string;
  let c1: string;
  let c2: string;

  beforeAll(async () => {
    c1 = (
      await createCandidate(facilitator, {
        ...baseCandidate,
        name: "Vendor sync",
        departmentId: deptId,
        processIds: [processId],
      })
    ).id;
    c2 = (
      await createCandidate(facilitator, {
        ...baseCandidate,
        name: "Bank feed",
        departmentId: deptId,
        processIds: [],
        dependsOnIds: [c1],
      })
    ).id;
    sessionId = (
      await createWorkshop(facilitator, {
        title: "Q1 scoring",
        candidateIds: [c1, c2],
        participantIds: [alice.id, bob.id],
      })
    ).id;
  });

  it("keeps participants blind to each other and refuses outsiders", async () => {
    await submitScores(alice, {
      sessionId,
      candidateId: c1,
      scores: { business_impact: 5, integration_complexity: 2 },
    });
    const bobView = await getParticipantView(bob, sessionId);
    expect(bobView.candidates.find((c) => c.id === c1)?.scores).toEqual({});
    await expectAppError(getParticipantView(exec, sessionId), "FORBIDDEN", /not a participant/);
    await expectAppError(
      submitScores(exec, { sessionId, candidateId: c1, scores: { roi: 3 } }),
      "FORBIDDEN",
      /not a participant/,
    );
    await expectAppError(getLiveView(alice, sessionId), "FORBIDDEN", /workshop:facilitate/);
  });

  it("treats duplicate and concurrent resubmissions as one score (last write wins)", async () => {
    await Promise.all([
      submitScores(alice, { sessionId, candidateId: c1, scores: { business_impact: 4 } }),
      submitScores(alice, { sessionId, candidateId: c1, scores: { business_impact: 4 } }),
      submitScores(alice, { sessionId, candidateId: c1, scores: { business_impact: 4 } }),
    ]);
    const rows = await db().workshopScore.findMany({
      where: { sessionId, participantId: alice.id!, candidateId: c1, criterionKey: "business_impact" },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].value).toBe(4);
    await expectAppError(
      submitScores(alice, { sessionId, candidateId: c1, scores: { nope: 4 } }),
      "VALIDATION",
      /Unknown criteria/,
    );
  });

  it("shows the facilitator aggregate, spread and disagreement live", async () => {
    await submitScores(bob, { sessionId, candidateId: c1, scores: { business_impact: 1, integration_complexity: 2 } });
    await submitScores(bob, {
      sessionId,
      candidateId: c2,
      scores: { business_impact: 2, integration_complexity: 4, regulatory_exposure: 5 },
    });
    const live = await getLiveView(facilitator, sessionId);
    const agg = live.candidates.find((c) => c.candidateId === c1)!;
    const impact = agg.criteria.find((c) => c.criterionKey === "business_impact")!;
    expect(impact).toMatchObject({ n: 2, mean: 2.5, min: 1, max: 4, isDisagreement: true });
    expect(live.participants.find((p) => p.id === alice.id)?.scored).toBe(2);
  });

  it("locks into a dated snapshot and rejects late submissions clearly", async () => {
    const lockedAt = new Date("2026-03-01T10:00:00Z");
    const snap = await lockWorkshop(facilitator, { sessionId }, lockedAt);
    expect(snap.lockedAt).toBe(lockedAt.toISOString());
    expect(snap.candidates.find((c) => c.candidateId === c1)?.npv).not.toBeNull();
    await expectAppError(
      submitScores(bob, { sessionId, candidateId: c1, scores: { business_impact: 5 } }),
      "CONFLICT",
      /locked on 2026-03-01 10:00 UTC/,
    );
    const stored = await db().workshopScore.findFirst({
      where: { sessionId, participantId: bob.id!, candidateId: c1, criterionKey: "business_impact" },
    });
    expect(stored?.value).toBe(1);
    await expectAppError(lockWorkshop(facilitator, { sessionId }), "CONFLICT", /already locked/);
  });

  it("feeds the matrix and the waves from the latest snapshot", async () => {
    const matrix = await getMatrix(exec);
    expect(matrix.snapshot?.sessionId).toBe(sessionId);
    expect(matrix.bubbles.map((b) => b.name).sort()).toEqual(["Bank feed", "Vendor sync"]);
    const roadmap = await getRoadmap(exec);
    const waveOf = (id: string) => roadmap.plan.waves.find((w) => w.candidateIds.includes(id))?.number;
    expect(waveOf(c1)).toBe(1);
    expect(waveOf(c2)).toBe(2);
  });
});

describe("governance", () => {
  it("blocks approval while a process has no decision, or a breach lacks an approved architecture review", async () => {
    await createGovernanceRule(system, {
      name: "Customization ≥ 4",
      metric: "customization_score",
      operator: ">=",
      threshold: 4,
    });
    const { id } = await createCandidate(facilitator, {
      ...baseCandidate,
      name: "Governed",
      departmentId: deptId,
      processIds: [processId],
    });
    await setCandidateStatus(facilitator, { candidateId: id, status: "proposed" });
    await expectAppError(
      setCandidateStatus(facilitator, { candidateId: id, status: "approved" }),
      "FORBIDDEN",
      /candidate:approve/,
    );
    // Not decided yet: the thresholds have nothing to check, so approval waits for the decision.
    await expectAppError(
      setCandidateStatus(exec, { candidateId: id, status: "approved" }),
      "PRECONDITION_FAILED",
      /decision.*record one for: Invoice matching\./,
    );
    await saveProcessDecision(
      system,
      {
        processId,
        decision: "customize",
        customizationScore: 4,
        deviationCount: 1,
        rationale: "Local VAT rules need a custom step.",
      },
      new Date("2026-02-01"),
    );
    await expectAppError(
      setCandidateStatus(exec, { candidateId: id, status: "approved" }),
      "PRECONDITION_FAILED",
      /architecture review.*Invoice matching/,
    );
    const breaches = await listBreaches(exec);
    expect(breaches[0]).toMatchObject({ processName: "Invoice matching", isResolved: false });
    expect(breaches[0].candidates.map((c) => c.name)).toContain("Governed");

    await recordArchitectureReview(
      bob,
      { processId, outcome: "rejected", notes: "Use standard tax engine." },
      new Date("2026-02-02"),
    );
    await expectAppError(
      setCandidateStatus(exec, { candidateId: id, status: "approved" }),
      "PRECONDITION_FAILED",
      /architecture review/,
    );
    await recordArchitectureReview(
      bob,
      { processId, outcome: "approved", notes: "Custom step accepted." },
      new Date("2026-02-03"),
    );
    expect(await setCandidateStatus(exec, { candidateId: id, status: "approved" })).toMatchObject({
      status: "approved",
    });
  });
});
