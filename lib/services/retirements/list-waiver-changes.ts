import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRetirementId } from "@/lib/validation/retirements";
import { loadSubject } from "./subject";
import { waiverWhere } from "./waiver";

export type TWaiverOption = {
  id: string;
  number: number;
  title: string;
  status: string;
  environmentKey: string;
  windowEnd: Date;
};

/** The changes that may waive this retirement's quiet period, newest first, for the page's picker. */
export async function listWaiverChanges(actor: Actor, raw: unknown): Promise<TWaiverOption[]> {
  assertCan(actor, "catalog:read");
  const { retirementId } = ZRetirementId.parse(raw);
  return transaction(async (tx) => {
    const r = await tx.retirement.findUnique({
      where: { id: retirementId },
      select: { subjectKind: true, subjectId: true },
    });
    if (!r) throw new AppError("NOT_FOUND", "That retirement does not exist.");
    const subject = await loadSubject(tx, r.subjectKind === "interface" ? "interface" : "flow", r.subjectId);
    if (!subject.flowIds.length) return [];
    const changes = await tx.changeRequest.findMany({
      where: waiverWhere(subject),
      orderBy: { number: "desc" },
      take: 50,
      select: {
        id: true,
        number: true,
        title: true,
        status: true,
        windowEnd: true,
        environment: { select: { key: true } },
      },
    });
    return changes.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      status: c.status,
      environmentKey: c.environment.key,
      windowEnd: c.windowEnd,
    }));
  });
}
