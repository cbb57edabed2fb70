import "server-only";
import { db } from "@/lib/db";
import type { TCandidateStatus } from "@/lib/validation/prioritization";
import { roiFor, roiSelect } from "../prioritization/candidates";
import type { RoiFigure } from "../prioritization/roi";
import { healthScore, readSignals } from "../signals";
import { computeRealizedRoi, fullDayWindow, startOfUtcDay, type TRealizedRoi } from "./compute-realized-roi";
import { worstCriticality, type TCriticality } from "./compute-risk-heatmap";

export type TInitiative = {
  id: string;
  name: string;
  status: TCandidateStatus;
  /** Flows implementing the candidate's interfaces that have been deployed to production. */
  liveFlows: { id: string; name: string }[];
  isLive: boolean;
  /** The first production deployment of any of those flows (ISO), where realized savings start. */
  liveSince: string | null;
  messagesToDate: number;
  windowMessages: number;
  windowDays: number;
  loadedCostPerHour: number;
  buildCost: number;
  /** The candidate page's figures, from the same ROI model and inputs. */
  estimate: { annualSavings: RoiFigure; netBenefit: RoiFigure; paybackMonths: RoiFigure; npv: RoiFigure };
  realized: TRealizedRoi;
  criticality: TCriticality | null;
  /** The signals' health score of the production flows (the worst production environment); null when not live. */
  health: number | null;
};

type DayTotal = { flowId: string; day: Date; ok: number };

/**
 * Every candidate with its estimate and what production has realized: countOk from the day rollups
 * (MetricDay, kept indefinitely) of the production environments, for the flows implementing the
 * candidate's interfaces, since the first production deployment among them. Callers authorize.
 */
export async function readInitiatives(now: Date): Promise<TInitiative[]> {
  const candidates = await db().integrationCandidate.findMany({
    select: { ...roiSelect, name: true, status: true, interfaces: { select: { interfaceId: true } } },
    orderBy: { name: "asc" },
  });
  const interfaceIds = [...new Set(candidates.flatMap((c) => c.interfaces.map((i) => i.interfaceId)))];
  const [rois, flows, interfaces, prodEnvs] = await Promise.all([
    roiFor(candidates),
    db().flow.findMany({
      where: { interfaceId: { in: interfaceIds } },
      select: { id: true, name: true, interfaceId: true },
    }),
    db().interface.findMany({
      where: { id: { in: interfaceIds } },
      select: {
        id: true,
        sourceSystem: { select: { criticality: true } },
        targetSystem: { select: { criticality: true } },
      },
    }),
    db().environment.findMany({ where: { isProduction: true }, select: { id: true } }),
  ]);
  const prodIds = prodEnvs.map((e) => e.id);
  const firstDeploys = flows.length
    ? await db().deployment.groupBy({
        by: ["flowId", "environmentId"],
        where: { flowId: { in: flows.map((f) => f.id) }, environmentId: { in: prodIds } },
        _min: { deployedAt: true },
      })
    : [];
  const goLiveOf = new Map<string, Date>();
  const envsOf = new Map<string, Set<string>>();
  for (const d of firstDeploys) {
    const at = d._min.deployedAt!;
    const prev = goLiveOf.get(d.flowId);
    if (!prev || at < prev) goLiveOf.set(d.flowId, at);
    envsOf.set(d.flowId, (envsOf.get(d.flowId) ?? new Set()).add(d.environmentId));
  }
  const earliest = [...goLiveOf.values()].sort((a, b) => a.getTime() - b.getTime())[0];
  const dayRows: DayTotal[] = earliest
    ? (
        await db().metricDay.groupBy({
          by: ["flowId", "day"],
          where: {
            flowId: { in: [...goLiveOf.keys()] },
            environmentId: { in: prodIds },
            day: { gte: startOfUtcDay(earliest) },
          },
          _sum: { countOk: true },
        })
      ).map((r) => ({ flowId: r.flowId, day: r.day, ok: r._sum.countOk ?? 0 }))
    : [];
  const criticalityOf = new Map(
    interfaces.map((i) => [i.id, [i.sourceSystem.criticality, i.targetSystem.criticality] as TCriticality[]]),
  );

  const out: TInitiative[] = [];
  for (const c of candidates) {
    const ifaceIds = new Set(c.interfaces.map((i) => i.interfaceId));
    const live = flows.filter((f) => f.interfaceId && ifaceIds.has(f.interfaceId) && goLiveOf.has(f.id));
    const liveIds = new Set(live.map((f) => f.id));
    const goLive = live.map((f) => goLiveOf.get(f.id)!).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    const window = goLive ? fullDayWindow(goLive, now) : { from: now, to: now, days: 0 };
    let toDate = 0;
    let inWindow = 0;
    if (goLive) {
      const since = startOfUtcDay(goLive).getTime();
      for (const r of dayRows) {
        if (!liveIds.has(r.flowId) || r.day.getTime() < since) continue;
        toDate += r.ok;
        if (r.day >= window.from && r.day < window.to) inWindow += r.ok;
      }
    }
    const { inputs, roi } = rois.get(c.id)!;
    out.push({
      id: c.id,
      name: c.name,
      status: c.status,
      liveFlows: live.map((f) => ({ id: f.id, name: f.name })),
      isLive: live.length > 0,
      liveSince: goLive?.toISOString() ?? null,
      messagesToDate: toDate,
      windowMessages: inWindow,
      windowDays: window.days,
      loadedCostPerHour: inputs.loadedCostPerHour,
      buildCost: inputs.buildCost,
      estimate: {
        annualSavings: roi.laborSavings,
        netBenefit: roi.annualNetBenefit,
        paybackMonths: roi.paybackMonths,
        npv: roi.npv,
      },
      realized: computeRealizedRoi({
        messagesToDate: toDate,
        windowMessages: inWindow,
        windowDays: window.days,
        manualMinutesPerTxn: inputs.manualMinutesPerTxn,
        minutesPerTxnAfter: inputs.minutesPerTxnAfter,
        loadedCostPerHour: inputs.loadedCostPerHour,
        buildCost: inputs.buildCost,
        estimatedAnnualSavings: roi.laborSavings.value ?? 0,
      }),
      criticality: worstCriticality([...ifaceIds].flatMap((id) => criticalityOf.get(id) ?? [])),
      health: live.length
        ? await productionHealth(
            live.map((f) => f.id),
            envsOf,
            now,
          )
        : null,
    });
  }
  return out;
}

/** The signals' health score of the flows in each production environment they run in; the worst counts. */
async function productionHealth(flowIds: string[], envsOf: Map<string, Set<string>>, now: Date): Promise<number> {
  const envs = [...new Set(flowIds.flatMap((id) => [...(envsOf.get(id) ?? [])]))];
  let worst = 100;
  for (const environmentId of envs) {
    const subject = { flowIds: flowIds.filter((id) => envsOf.get(id)?.has(environmentId)), environmentId };
    worst = Math.min(worst, healthScore(await readSignals(db(), subject, now)));
  }
  return worst;
}
