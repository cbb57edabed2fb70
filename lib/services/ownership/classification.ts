import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZSetClassification, type TDataClassification } from "@/lib/validation/data-domains";
import { appendAudit } from "../audit";

/** Every data domain's classification, by id (the ownership page's registry rows do not carry it). */
export async function domainClassifications(actor: Actor): Promise<Map<string, TDataClassification>> {
  assertCan(actor, "ownership:read");
  const rows = await db().dataDomain.findMany({ select: { id: true, classification: true } });
  return new Map(rows.map((r) => [r.id, r.classification]));
}

/**
 * Sets how sensitive a data domain's data is. Personal and sensitive personal data raise the CAB risk
 * score of every flow that carries it and gate its production activation on the owner's attestation.
 */
export async function setDataDomainClassification(
  actor: Actor,
  raw: unknown,
): Promise<{ id: string; classification: TDataClassification }> {
  assertCan(actor, "ownership:manage");
  const input = ZSetClassification.parse(raw);
  return transaction(async (tx) => {
    const domain = await tx.dataDomain.findUnique({
      where: { id: input.dataDomainId },
      select: { id: true, classification: true },
    });
    if (!domain) throw new AppError("NOT_FOUND", "That data domain no longer exists.");
    if (domain.classification === input.classification) return domain;
    const updated = await tx.dataDomain.update({
      where: { id: domain.id },
      data: { classification: input.classification },
      select: { id: true, classification: true },
    });
    await appendAudit(tx, {
      actor,
      action: "data_domain.classify",
      entityType: "DataDomain",
      entityId: domain.id,
      before: { classification: domain.classification },
      after: { classification: updated.classification },
    });
    return updated;
  });
}
