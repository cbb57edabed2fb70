import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { deploymentInclude, toDeploymentRow, type DeploymentRow, type EnvironmentRow } from "./deployments";
import { flowListHealth, pickHealthEnvironment, type FlowListHealth } from "./list-health";
import {
  interfaceLinkInclude,
  isResidencyFlagged,
  RESIDENCY_FLAGGED,
  toInterfaceLink,
  type FlowInterfaceLink,
} from "./residency";
import { toVersionRow, type FlowVersionRow } from "./versions";

export type FlowRow = {
  id: string;
  name: string;
  description: string;
  owner: string;
  latestVersion: number | null;
  /** Active deployments as "env:desired/actual", for the list's state column. */
  deployments: { environmentKey: string; version: number; desiredState: string; actualState: string }[];
  /** Health at a glance in one environment (see pickHealthEnvironment); null for a flow deployed nowhere. */
  health: (FlowListHealth & { environmentKey: string }) | null;
  updatedAt: string;
  /** The inventory interface the flow implements, with its current architecture decision. */
  interface: FlowInterfaceLink | null;
  isResidencyFlagged: boolean;
};

const SORTABLE = ["name", "owner", "updatedAt", "createdAt"] as const;

export async function listFlows(actor: Actor, query: TListQuery): Promise<ListResult<FlowRow>> {
  assertCan(actor, "flow:read");
  const and: Prisma.FlowWhereInput[] = [{ archivedAt: null }];
  if (query.q) {
    and.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { description: { contains: query.q, mode: "insensitive" } },
        { owner: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  if (query.filters.environment)
    and.push({ deployments: { some: { activeSlot: { not: null }, environment: { key: query.filters.environment } } } });
  if (query.filters.residency === "flagged") and.push(RESIDENCY_FLAGGED);
  else if (query.filters.residency === "clear") and.push({ interfaceId: { not: null } }, { NOT: RESIDENCY_FLAGGED });
  else if (query.filters.residency === "unlinked") and.push({ interfaceId: null });
  if (query.filters.state)
    and.push({
      deployments: {
        some: { activeSlot: { not: null }, desiredState: query.filters.state as "running" | "paused" | "stopped" },
      },
    });
  const where = { AND: and };
  const sort = pickSort(query, SORTABLE, "name");
  const [flows, total, environments] = await Promise.all([
    db().flow.findMany({
      where,
      orderBy: { [sort.field]: sort.dir },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: {
        versions: { orderBy: { version: "desc" }, take: 1, select: { version: true } },
        deployments: { where: { activeSlot: { not: null } }, include: deploymentInclude },
        interface: { include: interfaceLinkInclude },
      },
    }),
    db().flow.count({ where }),
    db().environment.findMany({ select: { id: true, key: true, isProduction: true, sortOrder: true } }),
  ]);
  const healthEnv = new Map(
    flows.map((f) => [
      f.id,
      pickHealthEnvironment(
        f.deployments.map((d) => d.environmentId),
        environments,
        query.filters.environment,
      ),
    ]),
  );
  const health = await flowListHealth(
    actor,
    flows.flatMap((f) => {
      const e = healthEnv.get(f.id);
      return e ? [{ flowId: f.id, environmentId: e.id }] : [];
    }),
  );
  const rows = flows.map((f) => {
    const link = f.interface ? toInterfaceLink(f.interface) : null;
    return {
      id: f.id,
      name: f.name,
      description: f.description,
      owner: f.owner,
      latestVersion: f.versions[0]?.version ?? null,
      deployments: f.deployments
        .map((d) => ({
          environmentKey: d.environment.key,
          version: d.flowVersion.version,
          desiredState: d.desiredState,
          actualState: d.actualState,
        }))
        .sort((a, b) => a.environmentKey.localeCompare(b.environmentKey)),
      health: flowHealthRow(health.get(f.id), healthEnv.get(f.id)),
      updatedAt: f.updatedAt.toISOString(),
      interface: link,
      isResidencyFlagged: isResidencyFlagged(link),
    };
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

function flowHealthRow(h: FlowListHealth | undefined, e: { key: string } | null | undefined): FlowRow["health"] {
  return h && e ? { ...h, environmentKey: e.key } : null;
}

export type FlowDetail = {
  id: string;
  name: string;
  description: string;
  owner: string;
  createdBy: string;
  createdAt: string;
  versions: FlowVersionRow[];
  environments: (EnvironmentRow & { deployment: DeploymentRow | null; dlqPending: number })[];
  dlqPending: number;
  interface: FlowInterfaceLink | null;
  /** The linked interface's current architecture decision flags a residency problem (EU personal data to a non-EU target, no legal basis). */
  isResidencyFlagged: boolean;
};

export async function getFlowOrThrow(actor: Actor, flowId: string): Promise<FlowDetail> {
  assertCan(actor, "flow:read");
  const flow = await db().flow.findUnique({
    where: { id: flowId },
    include: {
      versions: { orderBy: { version: "desc" } },
      deployments: { where: { activeSlot: { not: null } }, include: deploymentInclude },
      interface: { include: interfaceLinkInclude },
    },
  });
  if (!flow) throw new AppError("NOT_FOUND", "That flow does not exist.");
  const [envs, dlq] = await Promise.all([
    db().environment.findMany({
      orderBy: { sortOrder: "asc" },
      select: { id: true, key: true, name: true, isProduction: true },
    }),
    db().deadLetter.groupBy({ by: ["environmentId"], where: { flowId, status: "pending" }, _count: { _all: true } }),
  ]);
  const dlqByEnv = new Map(dlq.map((d) => [d.environmentId, d._count._all]));
  const link = flow.interface ? toInterfaceLink(flow.interface) : null;
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    owner: flow.owner,
    createdBy: flow.createdBy,
    createdAt: flow.createdAt.toISOString(),
    versions: flow.versions.map(toVersionRow),
    environments: envs.map((env) => {
      const d = flow.deployments.find((x) => x.environmentId === env.id);
      return { ...env, deployment: d ? toDeploymentRow(d) : null, dlqPending: dlqByEnv.get(env.id) ?? 0 };
    }),
    dlqPending: [...dlqByEnv.values()].reduce((a, b) => a + b, 0),
    interface: link,
    isResidencyFlagged: isResidencyFlagged(link),
  };
}
