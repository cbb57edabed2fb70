import "server-only";
import type { TConfigImpact } from "@/lib/config-items/kind";
import { diffDocuments } from "@/lib/config-items/diff";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { configKind } from "../config-kinds";

export type TResolvedItem = {
  kind: string;
  itemId: string;
  itemKey: string;
  versionId: string;
  version: number;
  contentHash: string;
  previousVersionId: string | null;
  previousHash: string | null;
  diffSize: number;
  impact: TConfigImpact;
};

/**
 * Binds each requested version to its content hash and to what the environment runs now. A version the
 * environment already runs is refused: the change would deploy nothing.
 */
export async function resolveItems(
  tx: Tx,
  environmentId: string,
  refs: { kind: string; versionId: string }[],
): Promise<TResolvedItem[]> {
  const deployedByKind = new Map<string, Awaited<ReturnType<ReturnType<typeof configKind>["listDeployed"]>>>();
  const out: TResolvedItem[] = [];
  for (const [i, ref] of refs.entries()) {
    const kind = configKind(ref.kind);
    const next = await kind.loadVersion(tx, ref.versionId);
    if (!next)
      throw new AppError("NOT_FOUND", `No ${kind.label} version ${ref.versionId} exists.`, {
        fieldErrors: { [`items.${i}.versionId`]: ["That version does not exist."] },
      });
    if (!deployedByKind.has(ref.kind)) deployedByKind.set(ref.kind, await kind.listDeployed(tx, environmentId));
    const prev = deployedByKind.get(ref.kind)!.find((s) => s.itemId === next.itemId) ?? null;
    if (prev && prev.contentHash === next.contentHash)
      throw new AppError(
        "VALIDATION",
        `${kind.label} "${next.key}" already runs v${next.version} there: nothing to change.`,
        {
          fieldErrors: { [`items.${i}.versionId`]: ["The environment already runs this content."] },
        },
      );
    if (out.some((o) => o.kind === ref.kind && o.itemId === next.itemId))
      throw new AppError(
        "VALIDATION",
        `${kind.label} "${next.key}" is named twice; a change deploys one version of each item.`,
        {
          fieldErrors: { [`items.${i}.versionId`]: ["Named twice."] },
        },
      );
    out.push({
      kind: ref.kind,
      itemId: next.itemId,
      itemKey: next.key,
      versionId: next.versionId,
      version: next.version,
      contentHash: next.contentHash,
      previousVersionId: prev?.versionId ?? null,
      previousHash: prev?.contentHash ?? null,
      diffSize: diffDocuments(prev?.document ?? null, next.document).length,
      impact: await kind.impact(tx, next.itemId),
    });
  }
  return out;
}

export function unionImpact(items: { impact: TConfigImpact }[]): TConfigImpact {
  const u = (k: keyof TConfigImpact) => [...new Set(items.flatMap((i) => i.impact[k]))];
  return { systems: u("systems"), interfaces: u("interfaces"), flows: u("flows"), dataDomainIds: u("dataDomainIds") };
}
