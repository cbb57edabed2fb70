import "server-only";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

type TEnv = { id: string; key: string; name: string; sortOrder: number };

/** Production needs an approved change; environments named prod/production count even if not flagged. */
export const isProductionEnvironment = (env: { key: string; isProduction: boolean }) =>
  env.isProduction || env.key === "prod" || env.key === "production";

/** The environment a deploy targets, or NOT_FOUND naming the field. */
export async function loadDeployEnvironmentTx(tx: Tx, environmentId: string) {
  const env = await tx.environment.findUnique({
    where: { id: environmentId },
    select: { id: true, key: true, name: true, isProduction: true, sortOrder: true },
  });
  if (!env)
    throw new AppError("NOT_FOUND", "That environment does not exist.", {
      fieldErrors: { environmentId: ["Choose an environment."] },
    });
  return env;
}

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

/**
 * Production runs only what the CAB approved: a change for this environment, approved (or an emergency
 * change, which may deploy first and is reviewed afterwards), with an item of this kind bound to the
 * version's content hash. `subject` names the version ("orders revision 2"), `verb` what production does.
 */
export async function assertApprovedChangeTx(
  tx: Tx,
  env: { id: string; key: string },
  changeRequestId: string | null | undefined,
  version: { kind: string; id: string; contentHash: string; subject: string; verb: "runs" | "serves"; ask: string },
): Promise<{ id: string; number: number }> {
  const rule = `Production ${version.verb} what the CAB approved`;
  if (!changeRequestId) throw new AppError("PRECONDITION_FAILED", `${rule}: ${version.ask}.`);
  const change = await tx.changeRequest.findUnique({
    where: { id: changeRequestId },
    select: {
      id: true,
      number: true,
      type: true,
      status: true,
      environmentId: true,
      items: { where: { kind: version.kind, versionId: version.id }, select: { contentHash: true } },
    },
  });
  if (!change) throw new AppError("NOT_FOUND", "That change request does not exist.");
  const name = `CHG-${change.number}`;
  if (change.environmentId !== env.id)
    throw new AppError("PRECONDITION_FAILED", `${name} is for another environment than ${env.key}.`);
  const isApproved =
    change.status === "approved" ||
    (change.type === "emergency" && (change.status === "submitted" || change.status === "implemented"));
  if (!isApproved) throw new AppError("PRECONDITION_FAILED", `${rule}: ${name} is ${change.status}, not approved.`);
  if (!change.items.some((i) => i.contentHash === version.contentHash))
    throw new AppError(
      "PRECONDITION_FAILED",
      `${rule}: ${name} does not bind ${version.subject} (hash ${version.contentHash.slice(0, 12)}); ${version.ask}.`,
    );
  return { id: change.id, number: change.number };
}
