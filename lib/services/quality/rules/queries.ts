import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRuleSetDocument, type TRuleSetDocument } from "@/lib/quality/rules/document";

export type TRuleSetVersionRow = {
  id: string;
  number: number;
  contentHash: string;
  note: string;
  rules: number;
  createdBy: string;
  createdAt: string;
};
export type TRuleSetEnvironment = {
  id: string;
  key: string;
  name: string;
  isProduction: boolean;
  /** The version enforced there now. */
  active: { versionId: string; number: number; deployedAt: string; deployedBy: string; change: string | null } | null;
};
export type TRuleSetDetail = {
  id: string;
  key: string;
  name: string;
  description: string;
  ownerId: string;
  ownerName: string;
  dataDomainId: string | null;
  flowId: string | null;
  interfaceId: string | null;
  /** When it was archived (ISO); an archived rule set takes no versions and no deployments until restored. */
  archivedAt: string | null;
  scope: { flow: string | null; interface: string | null; domain: string | null };
  versions: TRuleSetVersionRow[];
  environments: TRuleSetEnvironment[];
  /** The latest version's rules (the editor starts from them); empty for a new rule set. */
  latest: { versionId: string; number: number; document: TRuleSetDocument } | null;
};

export async function getRuleSetOrThrow(actor: Actor, key: string): Promise<TRuleSetDetail> {
  assertCan(actor, "quality:read");
  const r = await db().qualityRuleSet.findUnique({
    where: { key },
    include: {
      versions: { orderBy: { number: "desc" } },
      deployments: {
        where: { activeSlot: { not: null } },
        include: { version: { select: { number: true } } },
      },
    },
  });
  if (!r) throw new AppError("NOT_FOUND", "That rule set does not exist.");
  const [owner, flow, itf, domain, envs, changes] = await Promise.all([
    db().user.findUnique({ where: { id: r.ownerId }, select: { name: true, email: true } }),
    r.flowId ? db().flow.findUnique({ where: { id: r.flowId }, select: { name: true } }) : null,
    r.interfaceId ? db().interface.findUnique({ where: { id: r.interfaceId }, select: { name: true } }) : null,
    r.dataDomainId ? db().dataDomain.findUnique({ where: { id: r.dataDomainId }, select: { name: true } }) : null,
    db().environment.findMany({
      orderBy: { sortOrder: "asc" },
      select: { id: true, key: true, name: true, isProduction: true },
    }),
    db().changeRequest.findMany({
      where: { id: { in: r.deployments.map((d) => d.changeRequestId).filter((x): x is string => !!x) } },
      select: { id: true, number: true },
    }),
  ]);
  const latest = r.versions[0];
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    ownerId: r.ownerId,
    ownerName: owner ? owner.name || owner.email : "(unknown)",
    dataDomainId: r.dataDomainId,
    flowId: r.flowId,
    interfaceId: r.interfaceId,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    scope: { flow: flow?.name ?? null, interface: itf?.name ?? null, domain: domain?.name ?? null },
    versions: r.versions.map((v) => ({
      id: v.id,
      number: v.number,
      contentHash: v.contentHash,
      note: v.note,
      rules: ZRuleSetDocument.safeParse(v.document).data?.rules.length ?? 0,
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
    })),
    environments: envs.map((e) => {
      const d = r.deployments.find((x) => x.environmentId === e.id);
      const change = d?.changeRequestId ? changes.find((c) => c.id === d.changeRequestId) : null;
      return {
        ...e,
        active: d
          ? {
              versionId: d.versionId,
              number: d.version.number,
              deployedAt: d.deployedAt.toISOString(),
              deployedBy: d.deployedBy,
              change: change ? `CHG-${change.number}` : null,
            }
          : null,
      };
    }),
    latest: latest
      ? { versionId: latest.id, number: latest.number, document: ZRuleSetDocument.parse(latest.document) }
      : null,
  };
}
