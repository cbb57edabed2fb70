import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { capacityByDepartment } from "../readiness/assessments";
import { departmentNames } from "./references";
import { matrixPoints, QUADRANTS, type Quadrant } from "./scoring";
import { planWaves, type WavePlan } from "./waves";
import { latestSnapshot, type WorkshopSnapshot } from "./workshops";

export type MatrixBubble = {
  candidateId: string;
  name: string;
  impact: number;
  complexity: number;
  regulatoryExposure: number;
  npv: number;
  weightedScore: number | null;
  quadrant: Quadrant;
  quadrantLabel: string;
};

export type MatrixData = {
  snapshot: Pick<WorkshopSnapshot, "sessionId" | "title" | "lockedAt"> | null;
  bubbles: MatrixBubble[];
};

export async function getMatrix(actor: Actor): Promise<MatrixData> {
  const snap = await latestSnapshot(actor);
  if (!snap) return { snapshot: null, bubbles: [] };
  const byId = new Map(snap.candidates.map((c) => [c.candidateId, c]));
  const bubbles = matrixPoints(snap.candidates).map((p) => {
    const c = byId.get(p.candidateId)!;
    return {
      ...p,
      name: c.name,
      npv: c.npv ?? 0,
      weightedScore: c.weightedScore,
      quadrantLabel: QUADRANTS[p.quadrant],
    };
  });
  return { snapshot: { sessionId: snap.sessionId, title: snap.title, lockedAt: snap.lockedAt }, bubbles };
}

export type RoadmapCandidate = {
  id: string;
  name: string;
  departmentId: string | null;
  department: string | null;
  effortFte: number;
  weightedScore: number | null;
  isScored: boolean;
};
export type Roadmap = {
  snapshot: Pick<WorkshopSnapshot, "sessionId" | "title" | "lockedAt"> | null;
  plan: WavePlan;
  candidates: Record<string, RoadmapCandidate>;
  capacity: { departmentId: string; department: string; capacityFte: number; isAssessed: boolean }[];
  defaultCapacityFte: number;
};

export const DEFAULT_CAPACITY_FTE = 1;
const MAX_WAVES = 12;

/**
 * Waves from the latest locked snapshot: priority is the weighted score, dependencies come from
 * the candidates, capacity from each department's readiness. Prerequisites that were not scored
 * are pulled in (priority 0) so a dependency is never silently dropped.
 */
export async function getRoadmap(actor: Actor): Promise<Roadmap> {
  assertCan(actor, "candidate:read");
  const snap = await latestSnapshot(actor);
  const scored = new Map((snap?.candidates ?? []).map((c) => [c.candidateId, c]));
  const ids = new Set(scored.keys());
  const deps: { candidateId: string; dependsOnId: string }[] = [];
  let frontier = [...ids];
  while (frontier.length > 0) {
    const edges = await db().candidateDependency.findMany({
      where: { candidateId: { in: frontier } },
      select: { candidateId: true, dependsOnId: true },
    });
    deps.push(...edges);
    frontier = edges.map((e) => e.dependsOnId).filter((id) => !ids.has(id));
    for (const id of frontier) ids.add(id);
  }
  const records = await db().integrationCandidate.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, name: true, departmentId: true, effortFte: true },
  });
  const capacity = await capacityByDepartment();
  const depts = await departmentNames([...records.map((r) => r.departmentId), ...capacity.map((c) => c.departmentId)]);
  const candidates: Record<string, RoadmapCandidate> = {};
  for (const r of records) {
    const s = scored.get(r.id);
    candidates[r.id] = {
      id: r.id,
      name: r.name,
      departmentId: r.departmentId,
      department: r.departmentId ? (depts.get(r.departmentId) ?? null) : null,
      effortFte: r.effortFte,
      weightedScore: s?.weightedScore ?? null,
      isScored: Boolean(s),
    };
  }
  const plan = planWaves(
    records.map((r) => ({
      id: r.id,
      name: r.name,
      departmentId: r.departmentId,
      effortFte: r.effortFte,
      priority: scored.get(r.id)?.weightedScore ?? 0,
    })),
    deps,
    {
      capacityByDepartment: Object.fromEntries(capacity.map((c) => [c.departmentId, c.capacityFte])),
      defaultCapacityFte: DEFAULT_CAPACITY_FTE,
      maxWaves: MAX_WAVES,
    },
  );
  return {
    snapshot: snap ? { sessionId: snap.sessionId, title: snap.title, lockedAt: snap.lockedAt } : null,
    plan,
    candidates,
    capacity: capacity.map((c) => ({ ...c, department: depts.get(c.departmentId) ?? "(deleted)", isAssessed: true })),
    defaultCapacityFte: DEFAULT_CAPACITY_FTE,
  };
}
