import "server-only";
import { db, transaction, type Tx } from "@/lib/db";
import { computeSample, SLA_PERIOD_MINUTES, sampleAt, type TSampleValues } from "./math";
import { windowCounts } from "./rollup-counts";

// The engine's "sla-evaluation" job: one sample per enabled SLA per period, from the minute rollups.
// A missed objective opens a breach and raises one Alert of kind "sla_breach" (openKey keeps it to one
// per SLA and objective); a sample that meets the objective again ends the breach and resolves its
// alert. Re-running a period writes nothing new (the sample is unique per SLA and period).

const MINUTE = 60_000;

export type TSlaObjective = "freshness" | "accuracy";
export const slaAlertKey = (slaId: string, objective: TSlaObjective) => `sla_breach:${slaId}:${objective}`;

type TSla = {
  id: string;
  name: string;
  interfaceId: string;
  environmentId: string;
  freshnessMaxAgeMinutes: number | null;
  accuracyTargetPct: number | null;
};

function reading(objective: TSlaObjective, s: TSampleValues): { missed: boolean; value: number | null } {
  if (objective === "freshness")
    return {
      missed: s.freshnessMet === false,
      value: s.freshnessAgeSeconds === null ? null : Math.round(s.freshnessAgeSeconds / 6) / 10,
    };
  return { missed: s.accuracyMet === false, value: s.accuracyPct };
}

function breachText(sla: TSla, objective: TSlaObjective, value: number | null, envKey: string): string {
  if (objective === "freshness")
    return value === null
      ? `SLA "${sla.name}" (${envKey}): no successful delivery seen; freshness objective is ${sla.freshnessMaxAgeMinutes} min.`
      : `SLA "${sla.name}" (${envKey}): last successful delivery ${value} min ago, over the ${sla.freshnessMaxAgeMinutes} min freshness objective.`;
  return `SLA "${sla.name}" (${envKey}): accuracy ${value}% under the ${sla.accuracyTargetPct}% target.`;
}

async function applyObjective(
  tx: Tx,
  sla: TSla,
  objective: TSlaObjective,
  s: TSampleValues,
  at: Date,
  ctx: { flowId: string | null; envKey: string },
): Promise<"opened" | "ended" | null> {
  const { missed, value } = reading(objective, s);
  const open = await tx.qualitySlaBreach.findFirst({ where: { slaId: sla.id, objective, endedAt: null } });
  const target = objective === "freshness" ? sla.freshnessMaxAgeMinutes! : sla.accuracyTargetPct!;
  if (missed) {
    const worse = (a: number, b: number) => (objective === "freshness" ? Math.max(a, b) : Math.min(a, b));
    const v = value ?? (objective === "freshness" ? Number.POSITIVE_INFINITY : 0);
    if (open) {
      await tx.qualitySlaBreach.update({
        where: { id: open.id },
        data: { worstValue: worse(open.worstValue, Number.isFinite(v) ? v : open.worstValue) },
      });
      return null;
    }
    const detail = breachText(sla, objective, value, ctx.envKey);
    const key = slaAlertKey(sla.id, objective);
    const existing = await tx.alert.findUnique({ where: { openKey: key }, select: { id: true } });
    const alert =
      existing ??
      (await tx.alert.create({
        data: {
          kind: "sla_breach",
          flowId: ctx.flowId,
          environmentId: sla.environmentId,
          severity: "warning",
          status: "open",
          message: detail,
          details: { slaId: sla.id, interfaceId: sla.interfaceId, objective, target, value },
          openKey: key,
        },
        select: { id: true },
      }));
    await tx.qualitySlaBreach.create({
      data: {
        slaId: sla.id,
        objective,
        startedAt: at,
        target,
        worstValue: Number.isFinite(v) ? v : target,
        alertId: alert.id,
        detail,
      },
    });
    return "opened";
  }
  if (open) {
    await tx.qualitySlaBreach.update({ where: { id: open.id }, data: { endedAt: at } });
    await tx.alert.updateMany({
      where: { openKey: slaAlertKey(sla.id, objective) },
      data: { status: "resolved", resolvedAt: at, openKey: null },
    });
    return "ended";
  }
  return null;
}

/** Evaluates every enabled SLA for the period ending at the last boundary before `now`. */
export async function evaluateSlas(now: Date): Promise<{ sampled: number; opened: number; ended: number }> {
  const at = sampleAt(now);
  const from = new Date(at.getTime() - SLA_PERIOD_MINUTES * MINUTE);
  const slas = await db().qualitySla.findMany({ where: { enabled: true }, orderBy: { id: "asc" } });
  const out = { sampled: 0, opened: 0, ended: 0 };
  if (!slas.length) return out;
  const [flows, envs] = await Promise.all([
    db().flow.findMany({
      where: { interfaceId: { in: slas.map((s) => s.interfaceId) }, archivedAt: null },
      select: { id: true, interfaceId: true },
      orderBy: { createdAt: "asc" },
    }),
    db().environment.findMany({ select: { id: true, key: true } }),
  ]);
  const envKey = new Map(envs.map((e) => [e.id, e.key]));
  for (const sla of slas) {
    const flowIds = flows.filter((f) => f.interfaceId === sla.interfaceId).map((f) => f.id);
    await transaction(async (tx) => {
      const done = await tx.qualitySlaSample.findUnique({ where: { slaId_at: { slaId: sla.id, at } } });
      if (done) return;
      const counts = await windowCounts(tx, flowIds, sla.environmentId, from, at);
      const s = computeSample(sla, counts, at);
      await tx.qualitySlaSample.create({
        data: { slaId: sla.id, at, windowMinutes: SLA_PERIOD_MINUTES, ...s },
      });
      out.sampled++;
      const ctx = { flowId: flowIds[0] ?? null, envKey: envKey.get(sla.environmentId) ?? "?" };
      for (const objective of ["freshness", "accuracy"] as const) {
        if (objective === "freshness" && sla.freshnessMaxAgeMinutes === null) continue;
        if (objective === "accuracy" && sla.accuracyTargetPct === null) continue;
        const r = await applyObjective(tx, sla, objective, s, at, ctx);
        if (r === "opened") out.opened++;
        if (r === "ended") out.ended++;
      }
    });
  }
  return out;
}
