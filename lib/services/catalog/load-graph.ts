import "server-only";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { buildCatalogGraph, type TGraphSources, type TLoadedCatalog } from "./build-graph";

export type TLoadGraphOptions = {
  /** Only traffic seen since then counts as observed (the reconciliation's window uses all of it). */
  observedSince?: Date;
};

/** Reads everything the graph needs: seven small queries, no per-flow round trips. */
export async function readGraphSources(tx: Tx, opts: TLoadGraphOptions = {}): Promise<TGraphSources> {
  const systems = await tx.system.findMany({
    select: { id: true, name: true, lifecycle: true, criticality: true, endpoints: true, callerIds: true },
    orderBy: { name: "asc" },
  });
  const interfaces = await tx.interface.findMany({
    where: { retiredAt: null },
    select: { id: true, name: true, sourceSystemId: true, targetSystemId: true, direction: true },
  });
  const flows = await tx.flow.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true, owner: true, interfaceId: true, createdAt: true },
    orderBy: { name: "asc" },
  });
  // The latest version of each flow and every version deployed somewhere: what it is and what it will be.
  const specs = await tx.$queryRaw<{ flowId: string; spec: unknown; isLatest: boolean }[]>`
    WITH latest AS (SELECT DISTINCT ON ("flowId") id FROM "FlowVersion" ORDER BY "flowId", version DESC),
         ids AS (SELECT id FROM latest UNION SELECT "flowVersionId" FROM "Deployment" WHERE "activeSlot" IS NOT NULL)
    SELECT v."flowId", v.spec, v.id IN (SELECT id FROM latest) AS "isLatest"
      FROM "FlowVersion" v JOIN ids ON ids.id = v.id JOIN "Flow" f ON f.id = v."flowId" AND f."archivedAt" IS NULL`;
  const observed = await tx.observedDependency.findMany({
    where: opts.observedSince ? { lastSeenAt: { gte: opts.observedSince } } : {},
    select: {
      flowId: true,
      environment: { select: { key: true } },
      direction: true,
      endpointKind: true,
      endpoint: true,
      caller: true,
      messages: true,
      firstSeenAt: true,
      lastSeenAt: true,
    },
  });
  const entries = await tx.catalogEntry.findMany({
    select: { kind: true, key: true, ownerId: true, ownerName: true, lifecycle: true, tier: true },
  });
  const ownerIds = [...new Set(entries.map((e) => e.ownerId).filter((id): id is string => Boolean(id)))];
  const users = ownerIds.length
    ? await tx.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true, email: true } })
    : [];

  const specsByFlow = new Map<string, unknown[]>();
  for (const s of specs) {
    const list = specsByFlow.get(s.flowId) ?? [];
    if (s.isLatest) list.unshift(s.spec);
    else list.push(s.spec);
    specsByFlow.set(s.flowId, list);
  }
  return {
    systems,
    interfaces,
    flows: flows.map((f) => ({ ...f, specs: specsByFlow.get(f.id) ?? [] })),
    observed: observed.map((o) => ({
      flowId: o.flowId,
      environmentKey: o.environment.key,
      direction: o.direction,
      endpointKind: o.endpointKind,
      endpoint: o.endpoint,
      caller: o.caller,
      messages: Number(o.messages),
      firstSeenAt: o.firstSeenAt,
      lastSeenAt: o.lastSeenAt,
    })),
    entries,
    userNames: new Map(users.map((u) => [u.id, u.name || u.email])),
    engineDatabaseUrl: env().DATABASE_URL,
  };
}

/**
 * The catalog graph: systems, flows and queues as nodes; declared edges from inventory interfaces and
 * flow specs, observed edges from traffic; plus each flow's dependencies, matched or not. Internal: it
 * takes a transaction rather than an actor, for other services (retirements, the CAB's risk) to build on.
 */
export async function loadCatalogGraph(tx: Tx, opts: TLoadGraphOptions = {}): Promise<TLoadedCatalog> {
  return buildCatalogGraph(await readGraphSources(tx, opts));
}
