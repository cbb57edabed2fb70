import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import type { ListResult } from "@/lib/validation/list";
import { ZListRetirements, type TRetirementStatus } from "@/lib/validation/retirements";
import { storedConsumers } from "./consumers";

export type TRetirementRow = {
  id: string;
  subjectKind: string;
  subjectName: string;
  status: TRetirementStatus;
  reason: string;
  deprecatedAt: string;
  sunsetAt: string;
  retiredAt: string | null;
  quietDays: number;
  consumerCount: number;
  nextBrownoutAt: string | null;
};

/** Open retirements first (soonest sunset first), then the retired and cancelled, newest first. */
export async function listRetirements(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<ListResult<TRetirementRow>> {
  assertCan(actor, "catalog:read");
  const q = ZListRetirements.parse(raw ?? {});
  const where: Prisma.RetirementWhereInput = {
    status: q.status.length ? { in: q.status } : undefined,
    subjectKind: q.subjectKind,
    OR: q.q
      ? [
          { subjectName: { contains: q.q, mode: "insensitive" } },
          { reason: { contains: q.q, mode: "insensitive" } },
          { replacement: { contains: q.q, mode: "insensitive" } },
        ]
      : undefined,
  };
  const [total, rows] = await Promise.all([
    db().retirement.count({ where }),
    db().retirement.findMany({
      where,
      orderBy: [{ status: "asc" }, { sunsetAt: "asc" }, { createdAt: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: {
        brownouts: {
          where: { endsAt: { gt: now } },
          orderBy: { startsAt: "asc" },
          take: 1,
          select: { startsAt: true },
        },
      },
    }),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      subjectKind: r.subjectKind,
      subjectName: r.subjectName,
      status: r.status,
      reason: r.reason,
      deprecatedAt: r.deprecatedAt.toISOString(),
      sunsetAt: r.sunsetAt.toISOString(),
      retiredAt: r.retiredAt?.toISOString() ?? null,
      quietDays: r.quietDays,
      consumerCount: storedConsumers(r.consumers).length,
      nextBrownoutAt: r.status === "deprecated" ? (r.brownouts[0]?.startsAt.toISOString() ?? null) : null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
