import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZReadinessAnswers, ZReadinessInput, type TReadinessAnswers } from "@/lib/validation/readiness";
import { appendAudit } from "../audit";
import { scoreReadiness, type ReadinessDimension } from "./score";

export type ReadinessRow = {
  departmentId: string;
  department: string;
  answers: TReadinessAnswers | null;
  score: number | null;
  waveCapacityFte: number | null;
  dimensions: Record<ReadinessDimension, number> | null;
  steps: string[];
  assessedAt: string | null;
  assessedBy: string | null;
};

/** Every department with its latest assessment (departments not yet assessed have nulls). */
export async function listReadiness(actor: Actor): Promise<ReadinessRow[]> {
  assertCan(actor, "readiness:read");
  const [departments, assessments] = await Promise.all([
    db().department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().readinessAssessment.findMany(),
  ]);
  const users = await db().user.findMany({
    where: { id: { in: assessments.map((a) => a.assessedById).filter((v): v is string => Boolean(v)) } },
    select: { id: true, name: true },
  });
  const byDept = new Map(assessments.map((a) => [a.departmentId, a]));
  return departments.map((d) => {
    const a = byDept.get(d.id);
    const parsed = a ? ZReadinessAnswers.safeParse(a.answers) : null;
    const result = parsed?.success ? scoreReadiness(parsed.data) : null;
    return {
      departmentId: d.id,
      department: d.name,
      answers: parsed?.success ? parsed.data : null,
      score: a?.score ?? null,
      waveCapacityFte: a?.waveCapacityFte ?? null,
      dimensions: result?.dimensions ?? null,
      steps: result?.steps ?? [],
      assessedAt: a?.assessedAt.toISOString() ?? null,
      assessedBy: users.find((u) => u.id === a?.assessedById)?.name ?? null,
    };
  });
}

export async function saveReadiness(actor: Actor, raw: unknown, now = new Date()): Promise<ReadinessRow["score"]> {
  assertCan(actor, "readiness:edit");
  const { departmentId, ...answers } = ZReadinessInput.parse(raw);
  const result = scoreReadiness(answers);
  return transaction(async (tx) => {
    const dept = await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } });
    if (!dept)
      throw new AppError("NOT_FOUND", "That department no longer exists.", {
        fieldErrors: { departmentId: ["Choose an existing department."] },
      });
    const before = await tx.readinessAssessment.findUnique({ where: { departmentId } });
    const data = {
      answers: answers as unknown as Prisma.InputJsonValue,
      score: result.score,
      waveCapacityFte: result.waveCapacityFte,
      assessedById: actor.id,
      assessedAt: now,
    };
    const row = await tx.readinessAssessment.upsert({
      where: { departmentId },
      create: { departmentId, ...data },
      update: data,
    });
    await appendAudit(tx, {
      actor,
      action: before ? "readiness.update" : "readiness.create",
      entityType: "ReadinessAssessment",
      entityId: row.id,
      before: before
        ? { score: before.score, waveCapacityFte: before.waveCapacityFte, ...(before.answers as object) }
        : null,
      after: { departmentId, score: result.score, waveCapacityFte: result.waveCapacityFte, ...answers },
    });
    return result.score;
  });
}

/** Wave capacity per assessed department; used by the roadmap (system read, no actor needed). */
export async function capacityByDepartment(): Promise<{ departmentId: string; capacityFte: number }[]> {
  const rows = await db().readinessAssessment.findMany({ select: { departmentId: true, waveCapacityFte: true } });
  return rows.map((r) => ({ departmentId: r.departmentId, capacityFte: r.waveCapacityFte }));
}
