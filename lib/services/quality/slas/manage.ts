import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { Prisma, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../../audit";
import { ZSlaInput, ZSlaUpdate } from "./schema";

// Creating and editing SLAs: data owners and engineers (quality:manage), audited.

const AUDITED = [
  "name",
  "interfaceId",
  "environmentId",
  "freshnessMaxAgeMinutes",
  "accuracyTargetPct",
  "compliancePct",
  "budgetPeriodDays",
  "enabled",
] as const;
const pick = (o: Record<string, unknown>) => Object.fromEntries(AUDITED.map((k) => [k, o[k]]));

async function assertTargets(tx: Tx, interfaceId: string, environmentId: string) {
  const [iface, env] = await Promise.all([
    tx.interface.findUnique({ where: { id: interfaceId }, select: { retiredAt: true } }),
    tx.environment.findUnique({ where: { id: environmentId }, select: { id: true } }),
  ]);
  if (!iface) throw new AppError("VALIDATION", "Choose an interface from the inventory.");
  if (iface.retiredAt) throw new AppError("VALIDATION", "That interface is retired; SLAs apply to live interfaces.");
  if (!env) throw new AppError("VALIDATION", "Choose an environment.");
}

const duplicate = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002"
    ? new AppError("CONFLICT", "This interface already has an SLA in that environment; edit that one instead.")
    : e;

export async function createSla(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "quality:manage");
  const input = ZSlaInput.parse(raw);
  try {
    return await transaction(async (tx) => {
      await assertTargets(tx, input.interfaceId, input.environmentId);
      const sla = await tx.qualitySla.create({
        data: { ...input, createdBy: actor.email, updatedBy: actor.email },
      });
      await appendAudit(tx, {
        actor,
        action: "quality.sla.create",
        entityType: "QualitySla",
        entityId: sla.id,
        before: null,
        after: pick(sla),
      });
      return { id: sla.id };
    });
  } catch (e) {
    throw duplicate(e);
  }
}

export async function updateSla(actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertCan(actor, "quality:manage");
  const { id, ...input } = ZSlaUpdate.parse(raw);
  try {
    return await transaction(async (tx) => {
      const before = await tx.qualitySla.findUnique({ where: { id } });
      if (!before) throw new AppError("NOT_FOUND", "That SLA does not exist.");
      await assertTargets(tx, input.interfaceId, input.environmentId);
      const after = await tx.qualitySla.update({ where: { id }, data: { ...input, updatedBy: actor.email } });
      await appendAudit(tx, {
        actor,
        action: "quality.sla.update",
        entityType: "QualitySla",
        entityId: id,
        before: pick(before),
        after: pick(after),
      });
      return { id };
    });
  } catch (e) {
    throw duplicate(e);
  }
}
