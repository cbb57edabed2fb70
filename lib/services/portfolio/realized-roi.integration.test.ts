import { beforeAll, describe, expect, it } from "vitest";
// Aliased: the react-hooks lint rule mistakes the "use" prefix for a React hook.
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { saveFlowVersion } from "@/lib/services/flows";
import { createInterface, createProcess, createSystem, getProcessOrThrow } from "@/lib/services/inventory";
import { createCandidate, getCandidateOrThrow } from "@/lib/services/prioritization/candidates";
import { createUser } from "@/lib/services/users";
import { applyObservedFigures, getObservedFigures, getPortfolioReport } from ".";

withTestDatabase();
const admin = systemActor("test");
const NOW = new Date("2026-06-15T12:00:00Z");
const PROD = "env_prod";
const DEV = "env_dev";
let candidateId = "";
let processId = "";
let facilitator: Actor;
let viewer: Actor;

async function day(flowId: string, environmentId: string, iso: string, ok: number, failed = 0, dl = 0) {
  await db().metricDay.create({
    data: {
      flowId,
      environmentId,
      day: new Date(`${iso}T00:00:00Z`),
      countOk: ok,
      countFailed: failed,
      countDeadLettered: dl,
    },
  });
}

beforeAll(async () => {
  const erp = await createSystem(admin, {
    name: "ERP",
    type: "erp",
    hosting: "cloud",
    criticality: "mission_critical",
  });
  const crm = await createSystem(admin, { name: "CRM", type: "crm", hosting: "cloud", criticality: "medium" });
  const iface = await createInterface(admin, {
    name: "Customers to ERP",
    sourceSystemId: crm.id,
    targetSystemId: erp.id,
    mechanism: "api",
    payloadFormat: "json",
    frequency: "real_time",
    volumePerMonth: 1000,
  });
  const process = await createProcess(admin, {
    name: "Customer changes",
    department: "Sales",
    volumePerMonth: 1000,
    manualMinutesPerTxn: 12,
    errorRatePct: 5,
    cycleTimeHours: 4,
  });
  processId = process.id;
  // Inventory inputs: volume 1,000 and 12 manual minutes come from the process; 2 minutes after, $60 an hour.
  ({ id: candidateId } = await createCandidate(admin, {
    name: "Customer sync",
    effortFte: 1,
    processIds: [process.id],
    interfaceIds: [iface.id],
    useInventoryInputs: true,
    volumePerMonth: 0,
    manualMinutesPerTxn: 0,
    minutesPerTxnAfter: 2,
    errorRatePct: 0,
    errorRateAfterPct: 0,
    costPerError: 0,
    loadedCostPerHour: 60,
    buildCost: 40_000,
    runCostPerYear: 0,
    discountRatePct: 8,
    years: 5,
  }));
  // A second, not yet live initiative: its estimate counts, it realizes nothing.
  await createCandidate(admin, {
    name: "Not live yet",
    effortFte: 1,
    useInventoryInputs: false,
    volumePerMonth: 500,
    manualMinutesPerTxn: 6,
    minutesPerTxnAfter: 1,
    errorRatePct: 0,
    errorRateAfterPct: 0,
    costPerError: 0,
    loadedCostPerHour: 60,
    buildCost: 10_000,
    runCostPerYear: 0,
    discountRatePct: 8,
    years: 5,
  });
  const saved = await saveFlowVersion(
    admin,
    {
      spec: {
        name: "customers-to-erp",
        input: { use: "http", config: { path: "/customers" } },
        steps: [],
        outputs: [{ id: "erp", use: "http", config: { url: "http://127.0.0.1:4100/erp" } }],
      },
      interfaceId: iface.id,
    },
    "import",
  );
  const flowId = saved.flowId;
  // Deployment rows as the history holds them (the governance path is tested elsewhere).
  const deployment = (environmentId: string, at: string) => ({
    flowId,
    flowVersionId: saved.version.id,
    environmentId,
    contentHash: saved.version.contentHash,
    deployedBy: "test",
    deployedAt: new Date(at),
  });
  await db().deployment.createMany({
    data: [deployment(DEV, "2026-04-01T09:00:00Z"), deployment(PROD, "2026-05-01T09:00:00Z")],
  });
  await day(flowId, PROD, "2026-04-30", 1_000); // before the first production deployment: not counted
  await day(flowId, PROD, "2026-05-01", 10); // the go-live day: counted to date, not in the run-rate window
  await day(flowId, PROD, "2026-05-20", 300, 5, 2);
  await day(flowId, PROD, "2026-06-10", 200);
  await day(flowId, PROD, "2026-06-15", 50); // today: counted to date, not in the window of full days
  await day(flowId, DEV, "2026-06-10", 9_999); // development traffic never counts

  const people = [
    { email: "fac@example.com", name: "Fac", role: "facilitator" as const },
    { email: "view@example.com", name: "View", role: "viewer" as const },
  ];
  [facilitator, viewer] = await Promise.all(
    people.map(async (p) => {
      const u = await createUser(admin, { ...p, password: "correct-horse-battery" });
      return { id: u.id, email: u.email, name: u.name, role: p.role };
    }),
  );
});

describe("realized ROI", () => {
  it("equals the hand-computed value from the messages counted", async () => {
    const report = await getPortfolioReport(viewer, {}, { now: NOW });
    const live = report.initiatives.find((i) => i.id === candidateId)!;
    expect(live.isLive).toBe(true);
    expect(live.liveSince).toBe("2026-05-01T09:00:00.000Z");
    // 10 + 300 + 200 + 50 successful production messages since go-live; dev's 9,999 and the day before are out.
    expect(live.messagesToDate).toBe(560);
    expect(live.realized.minutesSavedPerMessage).toBe(10);
    // 560 × (12 − 2) ÷ 60 × 60
    expect(live.realized.realizedToDate.value).toBe(5_600);
    expect(live.realized.realizedToDate.steps.at(-1)).toBe("560 × 10 ÷ 60 × 60 = $5,600");
    // Window: the 30 full days 2026-05-16 .. 2026-06-14 hold 300 + 200 messages.
    expect([live.windowMessages, live.windowDays]).toEqual([500, 30]);
    // 500 ÷ 30 × 365 × 10 ÷ 60 × 60 = 60,833.33
    expect(live.realized.runRate.value).toBe(60_833.33);
    // 5,600 ÷ 40,000
    expect(live.realized.paybackProgress.value).toBe(14);
    // Estimate: 1,000 × 12 × 10 ÷ 60 × 60 = 120,000 a year; 60,833.33 ÷ 120,000
    expect(live.estimate.annualSavings.value).toBe(120_000);
    expect(live.realized.realization.value).toBe(50.7);
    expect(live.criticality).toBe("mission_critical");
  });

  it("uses exactly the estimate the candidate page shows", async () => {
    const [report, page] = await Promise.all([
      getPortfolioReport(viewer, {}, { now: NOW }),
      getCandidateOrThrow(viewer, candidateId),
    ]);
    const live = report.initiatives.find((i) => i.id === candidateId)!;
    expect(live.estimate.annualSavings).toEqual(page.roi.laborSavings);
    expect(live.estimate.netBenefit).toEqual(page.roi.annualNetBenefit);
    expect(live.estimate.npv).toEqual(page.roi.npv);
  });

  it("adds up the portfolio: realized money against the live initiatives' build cost and estimate", async () => {
    const { totals } = await getPortfolioReport(viewer, {}, { now: NOW });
    expect(totals.initiatives).toBe(2);
    expect(totals.live).toBe(1);
    // 120,000 + 500 × 12 × 5 ÷ 60 × 60 = 150,000
    expect(totals.estimatedAnnualSavings.value).toBe(150_000);
    expect(totals.realizedToDate.value).toBe(5_600);
    expect(totals.runRate.value).toBe(60_833.33);
    expect(totals.paybackProgress.value).toBe(14);
    expect(totals.realization.value).toBe(50.7);
  });

  it("filters by status and name, and refuses a role without portfolio:read", async () => {
    const filtered = await getPortfolioReport(viewer, { q: "not live" }, { now: NOW });
    expect(filtered.initiatives.map((i) => i.name)).toEqual(["Not live yet"]);
    expect(filtered.totals.realizedToDate.value).toBe(0);
    expect(filtered.filterLabel).toBe('matching "not live"');
    const engineer = { ...viewer, role: "integration_engineer" as const };
    await expect(getPortfolioReport(engineer, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("observed figures feed back into the inventory", () => {
  it("offers the production volume and error rate and applies them as confirmed", async () => {
    const o = await getObservedFigures(viewer, processId, { now: NOW });
    // 300 + 5 + 2 + 200 messages in 30 full days; (5 + 2) ÷ 507 failed or dead-lettered
    expect(o.traffic).toEqual({ ok: 500, failed: 5, deadLettered: 2, finished: 507 });
    expect(o.observed).toMatchObject({ volumePerMonth: 507, errorRatePct: 1.38 });
    expect(o.hasUpdate).toBe(true);

    await expect(
      applyObservedFigures(viewer, { processId, volumePerMonth: 507, errorRatePct: 1.38 }, { now: NOW }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      applyObservedFigures(facilitator, { processId, volumePerMonth: 600, errorRatePct: 1.38 }, { now: NOW }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const applied = await applyObservedFigures(
      facilitator,
      { processId, volumePerMonth: 507, errorRatePct: 1.38 },
      { now: NOW },
    );
    expect(applied.before).toEqual({ volumePerMonth: 1000, errorRatePct: 5 });
    expect(applied.after).toEqual({ volumePerMonth: 507, errorRatePct: 1.38 });
    const p = await getProcessOrThrow(viewer, processId);
    expect([p.volumePerMonth, p.errorRatePct, p.manualMinutesPerTxn, p.name]).toEqual([
      507,
      1.38,
      12,
      "Customer changes",
    ]);
    const audit = await db().auditEntry.findFirst({
      where: { action: "inventory.process.update", entityId: processId },
      orderBy: { seq: "desc" },
    });
    expect(audit?.actorId).toBe(facilitator.id);
    expect((await getObservedFigures(viewer, processId, { now: NOW })).hasUpdate).toBe(false);
  });
});
