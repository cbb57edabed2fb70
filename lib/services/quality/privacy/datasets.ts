import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../../audit";
import { ZCreateMaskedDataset } from "./schema";

// Masked datasets: the portal queues a job, the engine (lib/engine/runtime/quality/masking.ts) runs it:
// it reads recent production payloads of the flow, masks them with the target environment's policies
// and publishes them to the flow's direct queue there, reporting progress on the row.

export const MASKED_DATASET_CHANNEL = "switchboard_masked_datasets";

export type TMaskedDatasetRow = {
  id: string;
  flowName: string;
  targetEnvironmentKey: string;
  source: "runs" | "dead_letters";
  limit: number;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  total: number;
  done: number;
  skipped: number;
  error: string | null;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
};

export async function createMaskedDatasetJob(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "quality:manage");
  const input = ZCreateMaskedDataset.parse(raw);
  const [flow, target, prod] = await Promise.all([
    db().flow.findUnique({ where: { id: input.flowId }, select: { id: true, name: true } }),
    db().environment.findUnique({ where: { id: input.targetEnvironmentId } }),
    db().environment.findFirst({ where: { isProduction: true }, orderBy: { sortOrder: "desc" } }),
  ]);
  if (!flow)
    throw new AppError("NOT_FOUND", "That flow does not exist.", { fieldErrors: { flowId: ["Choose a flow."] } });
  if (!target)
    throw new AppError("NOT_FOUND", "That environment does not exist.", {
      fieldErrors: { targetEnvironmentId: ["Choose one."] },
    });
  if (target.isProduction)
    throw new AppError("VALIDATION", "A masked dataset goes into a test environment, not production.", {
      fieldErrors: { targetEnvironmentId: ["Choose a non-production environment."] },
    });
  if (!prod) throw new AppError("PRECONDITION_FAILED", "There is no production environment to copy samples from.");
  const active = await db().deployment.findFirst({
    where: { flowId: flow.id, environmentId: target.id, activeSlot: { not: null } },
    select: { id: true },
  });
  if (!active)
    throw new AppError(
      "PRECONDITION_FAILED",
      `${flow.name} is not deployed in ${target.name}; deploy it there first.`,
      {
        fieldErrors: { targetEnvironmentId: [`Deploy ${flow.name} to ${target.key} first.`] },
      },
    );
  return transaction(async (tx) => {
    const job = await tx.maskedDatasetJob.create({
      data: {
        flowId: flow.id,
        flowName: flow.name,
        sourceEnvironmentId: prod.id,
        targetEnvironmentId: target.id,
        source: input.source,
        limit: input.limit,
        requestedBy: actor.email,
      },
    });
    await appendAudit(tx, {
      actor,
      action: "quality.masked-dataset.create",
      entityType: "MaskedDatasetJob",
      entityId: job.id,
      after: { flow: flow.name, from: prod.key, to: target.key, source: input.source, limit: input.limit },
    });
    await tx.$executeRaw`SELECT pg_notify('switchboard_masked_datasets', ${job.id})`;
    return { id: job.id };
  });
}

export async function listMaskedDatasetJobs(actor: Actor, query: TListQuery): Promise<ListResult<TMaskedDatasetRow>> {
  assertCan(actor, "quality:read");
  const statuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
  const status = statuses.find((s) => s === query.filters.status);
  const where = {
    ...(status ? { status } : {}),
    ...(query.q ? { flowName: { contains: query.q, mode: "insensitive" as const } } : {}),
  };
  const [rows, total, envs] = await Promise.all([
    db().maskedDatasetJob.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().maskedDatasetJob.count({ where }),
    db().environment.findMany({ select: { id: true, key: true } }),
  ]);
  const key = new Map(envs.map((e) => [e.id, e.key]));
  return {
    rows: rows.map((j) => ({
      id: j.id,
      flowName: j.flowName,
      targetEnvironmentKey: key.get(j.targetEnvironmentId) ?? j.targetEnvironmentId,
      source: j.source,
      limit: j.limit,
      status: j.status,
      total: j.total,
      done: j.done,
      skipped: j.skipped,
      error: j.error,
      requestedBy: j.requestedBy,
      createdAt: j.createdAt.toISOString(),
      finishedAt: j.finishedAt?.toISOString() ?? null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
