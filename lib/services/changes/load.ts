import "server-only";
import type { Tx } from "@/lib/db";
import type { TConfigImpact } from "@/lib/config-items/kind";
import { AppError } from "@/lib/errors";
import { configKind } from "../config-kinds";

export const changeWithVotes = { items: true, approvals: true } as const;

/** Reads the change under a row lock: votes, implementation and status changes on one change serialise. */
export async function lockChange(tx: Tx, changeId: string) {
  await tx.$executeRaw`SELECT 1 FROM "ChangeRequest" WHERE id = ${changeId} FOR UPDATE`;
  const change = await tx.changeRequest.findUnique({ where: { id: changeId }, include: changeWithVotes });
  if (!change) throw new AppError("NOT_FOUND", "That change request does not exist.");
  return change;
}

export type TLockedChange = Awaited<ReturnType<typeof lockChange>>;

export const chg = (c: { number: number }) => `CHG-${c.number}`;

/** The items' current impact, recomputed from their kinds (the stored change keeps only ids and hashes). */
export async function itemsImpact(tx: Tx, items: { kind: string; itemId: string }[]) {
  // One after another: a transaction's connection runs one query at a time.
  const impacts: TConfigImpact[] = [];
  for (const i of items) impacts.push(await configKind(i.kind).impact(tx, i.itemId));
  const u = (k: "systems" | "interfaces" | "flows" | "dataDomainIds") => [...new Set(impacts.flatMap((i) => i[k]))];
  return { systems: u("systems"), interfaces: u("interfaces"), flows: u("flows"), dataDomainIds: u("dataDomainIds") };
}

export const utcMinute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
