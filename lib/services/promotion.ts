import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

type TEnv = { id: string; key: string; name: string; sortOrder: number };

/**
 * Promotion goes dev → test → prod by Environment.sortOrder: a config version reaches an environment
 * only after it reached (at any time, even if superseded since) the one before it. `reached` says
 * whether the version was ever placed in the given environment; `subject` names it ("orders v2").
 */
export async function assertReachedPreviousTx(
  tx: Tx,
  env: TEnv,
  version: { subject: string; short: string; verb: "deploy" | "publish" },
  reached: (environmentId: string) => Promise<boolean>,
): Promise<void> {
  const before = await tx.environment.findFirst({
    where: { sortOrder: { lt: env.sortOrder } },
    orderBy: { sortOrder: "desc" },
    select: { id: true, key: true, name: true },
  });
  if (!before || (await reached(before.id))) return;
  const verb = version.verb === "deploy" ? "Deploy" : "Publish";
  throw new AppError(
    "PRECONDITION_FAILED",
    `${version.subject} must reach ${before.name} (${before.key}) before ${env.name} (${env.key}): ${version.verb} it to ${before.key} first.`,
    { fieldErrors: { environmentId: [`${verb} ${version.short} to ${before.key} first.`] } },
  );
}
