import "server-only";
import type { Prisma, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TRetirementSubject } from "./subject";

export const WAIVER_STATUSES = ["approved", "implemented", "closed"] as const;

const productionEnvironment: Prisma.EnvironmentWhereInput = {
  OR: [{ isProduction: true }, { key: { in: ["prod", "production"] } }],
};

/** Changes that may waive the quiet period: approved (or done), in production, changing the subject's flow. */
export const waiverWhere = (subject: TRetirementSubject): Prisma.ChangeRequestWhereInput => ({
  status: { in: [...WAIVER_STATUSES] },
  environment: productionEnvironment,
  items: { some: { kind: "flow", itemId: { in: subject.flowIds } } },
});

const isProduction = (env: { key: string; isProduction: boolean }) =>
  env.isProduction || env.key === "prod" || env.key === "production";

/** The waiving change, or an error saying which of the three conditions it misses. */
export async function assertWaiver(
  tx: Tx,
  changeId: string,
  subject: TRetirementSubject,
): Promise<{ id: string; number: number }> {
  const change = await tx.changeRequest.findUnique({
    where: { id: changeId },
    select: {
      id: true,
      number: true,
      status: true,
      environment: { select: { key: true, isProduction: true } },
      items: { where: { kind: "flow", itemId: { in: subject.flowIds } }, select: { id: true } },
    },
  });
  const field = (message: string) => ({ fieldErrors: { waiverChangeId: [message] } });
  if (!change) throw new AppError("NOT_FOUND", "That change request does not exist.", field("Choose a change."));
  const name = `CHG-${change.number}`;
  if (!(WAIVER_STATUSES as readonly string[]).includes(change.status)) {
    const message = `${name} is ${change.status.replace(/_/g, " ")}; only an approved, implemented or closed change can waive the quiet period.`;
    throw new AppError("PRECONDITION_FAILED", message, field(message));
  }
  if (!isProduction(change.environment)) {
    const message = `${name} is for ${change.environment.key}; a waiver is a production change.`;
    throw new AppError("PRECONDITION_FAILED", message, field(message));
  }
  if (!change.items.length) {
    const message = `${name} does not change the ${subject.label}${subject.kind === "interface" ? " or a flow implementing it" : ""}; a waiver binds the flow it retires.`;
    throw new AppError("PRECONDITION_FAILED", message, field(message));
  }
  return { id: change.id, number: change.number };
}
