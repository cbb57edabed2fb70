import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, Prisma } from "@/lib/db";
import {
  ZGraphQuery,
  type TCriticality,
  type TDirection,
  type TMechanism,
  type TSystemType,
} from "@/lib/validation/inventory";

export type GraphNode = {
  id: string;
  name: string;
  type: TSystemType;
  criticality: TCriticality;
  vendor: string;
  isContext: boolean;
};
export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  name: string;
  mechanism: TMechanism;
  direction: TDirection;
  volumePerMonth: number;
};
export type DependencyGraph = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean; totalEdges: number };

/** More than this and the picture is unreadable; the page asks the user to filter instead. */
export const MAX_GRAPH_EDGES = 400;

/**
 * Systems as nodes, interfaces as edges. Filtering by process or department keeps the systems
 * those processes touch and every interface that reaches them; systems only at the far end of
 * such an interface come back as context nodes.
 */
export async function getDependencyGraph(actor: Actor, raw: unknown): Promise<DependencyGraph> {
  assertCan(actor, "inventory:read");
  const query = ZGraphQuery.parse(raw);
  let focus: Set<string> | null = null;
  if (query.processId || query.departmentId) {
    const links = await db().processSystem.findMany({
      where: query.processId ? { processId: query.processId } : { process: { departmentId: query.departmentId } },
      select: { systemId: true },
    });
    focus = new Set(links.map((l) => l.systemId));
  }
  const ids = focus ? [...focus] : null;
  const edgeWhere: Prisma.InterfaceWhereInput = ids
    ? { OR: [{ sourceSystemId: { in: ids } }, { targetSystemId: { in: ids } }] }
    : {};
  const [totalEdges, interfaces] = await Promise.all([
    db().interface.count({ where: edgeWhere }),
    db().interface.findMany({
      where: edgeWhere,
      select: {
        id: true,
        name: true,
        sourceSystemId: true,
        targetSystemId: true,
        mechanism: true,
        direction: true,
        volumePerMonth: true,
      },
      orderBy: { volumePerMonth: "desc" },
      take: MAX_GRAPH_EDGES,
    }),
  ]);
  const nodeIds = new Set<string>(ids ?? []);
  for (const i of interfaces) nodeIds.add(i.sourceSystemId).add(i.targetSystemId);
  const systems = await db().system.findMany({
    where: ids || totalEdges > MAX_GRAPH_EDGES ? { id: { in: [...nodeIds] } } : {},
    select: { id: true, name: true, type: true, criticality: true, vendor: true },
    orderBy: { name: "asc" },
  });
  return {
    nodes: systems.map((s) => ({ ...s, isContext: focus ? !focus.has(s.id) : false })),
    edges: interfaces.map((i) => ({
      id: i.id,
      source: i.sourceSystemId,
      target: i.targetSystemId,
      name: i.name,
      mechanism: i.mechanism,
      direction: i.direction,
      volumePerMonth: i.volumePerMonth,
    })),
    truncated: totalEdges > interfaces.length,
    totalEdges,
  };
}
