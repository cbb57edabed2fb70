import "server-only";
import { db, type Prisma } from "@/lib/db";
import { QUARANTINE_STATUSES, ZQuarantineFilter, type TQuarantineFilter, type TQuarantineStatus } from "./schema";

/** Flows whose data domains `userId` is the accountable owner of: the quarantines that are "mine". */
export async function ownedFlowIds(userId: string): Promise<string[]> {
  const rows = await db().flowDataDomain.findMany({
    where: { dataDomain: { ownership: { ownerId: userId } } },
    select: { flowId: true },
    distinct: ["flowId"],
  });
  return rows.map((r) => r.flowId);
}

/** Rule sets whose responsible data owner is `userId`. */
export async function ownedRuleSetKeys(userId: string): Promise<string[]> {
  const rows = await db().qualityRuleSet.findMany({ where: { ownerId: userId }, select: { key: true } });
  return rows.map((r) => r.key);
}

/**
 * The review list's filter as a where clause; bulk jobs reuse it with their requester as `userId`
 * (for "mine"). Status defaults to pending; "all" lifts it. An unknown environment matches nothing.
 */
export async function quarantineWhere(
  raw: TQuarantineFilter,
  userId: string | null,
): Promise<Prisma.QuarantineEntryWhereInput> {
  const { q, filters: f } = ZQuarantineFilter.parse(raw);
  const and: Prisma.QuarantineEntryWhereInput[] = [];
  if (f.flow) and.push({ flowId: f.flow });
  if (f.environment) {
    const env = await db().environment.findUnique({ where: { key: f.environment }, select: { id: true } });
    and.push({ environmentId: env?.id ?? "-" });
  }
  if (f.ruleSet) and.push({ ruleSetKey: f.ruleSet });
  if (f.rule) and.push({ ruleIds: { has: f.rule } });
  if (f.field) and.push({ fields: { has: f.field } });
  if (f.from) and.push({ createdAt: { gte: new Date(`${f.from}T00:00:00.000Z`) } });
  if (f.to) and.push({ createdAt: { lte: new Date(`${f.to}T23:59:59.999Z`) } });
  // Mine: the rule set's responsible owner, or the data owner of a domain the flow carries.
  if (f.mine) {
    const [flowIds, ruleSetKeys] = userId
      ? await Promise.all([ownedFlowIds(userId), ownedRuleSetKeys(userId)])
      : [[], []];
    and.push({ OR: [{ flowId: { in: flowIds } }, { ruleSetKey: { in: ruleSetKeys } }] });
  }
  const status = f.status ?? "pending";
  if (status !== "all" && QUARANTINE_STATUSES.includes(status as TQuarantineStatus))
    and.push({ status: status as TQuarantineStatus });
  if (q) {
    and.push({
      OR: [
        { messageId: { contains: q } },
        { correlationId: { contains: q } },
        { inputId: { contains: q } },
        { ruleSetKey: { contains: q, mode: "insensitive" } },
        { ruleIds: { has: q } },
        { fields: { has: q } },
      ],
    });
  }
  return { AND: and };
}
