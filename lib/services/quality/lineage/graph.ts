import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FieldTrace } from "@/lib/quality/lineage/flow-fields";
import { fieldLineageOf, lineageVersion } from "./flow-spec";

// The lineage graph: system → interface → flow → step → output (target) → system, from the inventory,
// the flows' deployed versions, and the endpoints the engine observed them call (the catalog), which
// can add systems the inventory does not list for that interface.

export type LineageScope = { kind: "system" | "interface" | "flow"; id: string };
export type LineageNodeKind = "system" | "interface" | "flow" | "step" | "target";
export type LineageNode = { id: string; kind: LineageNodeKind; label: string; detail: string; href: string | null };
export type LineageEdge = { id: string; source: string; target: string; label: string; observed: boolean };
export type FlowLineage = {
  flowId: string;
  flowName: string;
  version: number | null;
  environmentKey: string | null;
  fields: FieldTrace[];
};
export type LineageGraph = { nodes: LineageNode[]; edges: LineageEdge[]; flows: FlowLineage[] };

const MAX_FLOWS = 50;

async function flowIdsOf(scope: LineageScope): Promise<string[]> {
  if (scope.kind === "flow") {
    const f = await db().flow.findUnique({ where: { id: scope.id }, select: { id: true } });
    if (!f) throw new AppError("NOT_FOUND", "That flow does not exist.");
    return [f.id];
  }
  const interfaceIds =
    scope.kind === "interface"
      ? [scope.id]
      : (
          await db().interface.findMany({
            where: { OR: [{ sourceSystemId: scope.id }, { targetSystemId: scope.id }] },
            select: { id: true },
          })
        ).map((i) => i.id);
  const flows = await db().flow.findMany({
    where: { interfaceId: { in: interfaceIds }, archivedAt: null },
    select: { id: true },
    orderBy: { name: "asc" },
    take: MAX_FLOWS,
  });
  return flows.map((f) => f.id);
}

/** Longest endpoint prefix wins, as the catalog matches observed endpoints to systems. */
function systemFor(endpoint: string, systems: { id: string; name: string; endpoints: string[] }[]) {
  let best: { id: string; name: string } | null = null;
  let len = 0;
  for (const s of systems)
    for (const e of s.endpoints)
      if (e && endpoint.startsWith(e) && e.length > len) {
        best = s;
        len = e.length;
      }
  return best;
}

export async function lineageGraph(actor: Actor, scope: LineageScope): Promise<LineageGraph> {
  assertCan(actor, "quality:read");
  if (scope.kind === "system") {
    const s = await db().system.findUnique({ where: { id: scope.id }, select: { id: true } });
    if (!s) throw new AppError("NOT_FOUND", "That system does not exist.");
  }
  if (scope.kind === "interface") {
    const i = await db().interface.findUnique({ where: { id: scope.id }, select: { id: true } });
    if (!i) throw new AppError("NOT_FOUND", "That interface does not exist.");
  }
  const flowIds = await flowIdsOf(scope);
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const addEdge = (source: string, target: string, label = "", observed = false) =>
    edges.set(`${source}>${target}`, { id: `${source}>${target}`, source, target, label, observed });
  const addSystem = (s: { id: string; name: string; type?: string }) =>
    nodes.set(`sys:${s.id}`, {
      id: `sys:${s.id}`,
      kind: "system",
      label: s.name,
      detail: s.type ?? "system",
      href: `/inventory/systems/${s.id}`,
    });

  const flows = await db().flow.findMany({
    where: { id: { in: flowIds } },
    select: {
      id: true,
      name: true,
      interface: {
        select: {
          id: true,
          name: true,
          mechanism: true,
          sourceSystem: { select: { id: true, name: true, type: true } },
          targetSystem: { select: { id: true, name: true, type: true } },
        },
      },
    },
  });
  if (scope.kind === "interface" && !flows.length) {
    const i = await db().interface.findUnique({
      where: { id: scope.id },
      select: { id: true, name: true, mechanism: true, sourceSystem: true, targetSystem: true },
    });
    if (i) {
      addSystem(i.sourceSystem);
      addSystem(i.targetSystem);
      nodes.set(`if:${i.id}`, {
        id: `if:${i.id}`,
        kind: "interface",
        label: i.name,
        detail: i.mechanism,
        href: `/inventory/interfaces/${i.id}`,
      });
      addEdge(`sys:${i.sourceSystem.id}`, `if:${i.id}`);
      addEdge(`if:${i.id}`, `sys:${i.targetSystem.id}`);
    }
  }
  const observed = flowIds.length
    ? await db().observedDependency.findMany({
        where: { flowId: { in: flowIds }, direction: "outbound" },
        select: { flowId: true, endpoint: true },
        take: 500,
      })
    : [];
  const systems = observed.length
    ? await db().system.findMany({ select: { id: true, name: true, type: true, endpoints: true } })
    : [];
  const out: FlowLineage[] = [];
  for (const f of flows) {
    const version = await lineageVersion(db(), f.id);
    const flowNode = `flow:${f.id}`;
    nodes.set(flowNode, {
      id: flowNode,
      kind: "flow",
      label: f.name,
      detail: version
        ? `v${version.version}${version.environmentKey ? ` in ${version.environmentKey}` : ""}`
        : "no version",
      href: `/flows/${f.id}`,
    });
    const iface = f.interface;
    if (iface) {
      addSystem(iface.sourceSystem);
      nodes.set(`if:${iface.id}`, {
        id: `if:${iface.id}`,
        kind: "interface",
        label: iface.name,
        detail: iface.mechanism,
        href: `/inventory/interfaces/${iface.id}`,
      });
      addEdge(`sys:${iface.sourceSystem.id}`, `if:${iface.id}`);
      addEdge(`if:${iface.id}`, flowNode);
    }
    let prev = flowNode;
    for (const s of version?.spec.steps ?? []) {
      const id = `step:${f.id}:${s.id}`;
      nodes.set(id, { id, kind: "step", label: s.id, detail: s.use, href: null });
      addEdge(prev, id);
      prev = id;
    }
    for (const o of version?.spec.outputs ?? []) {
      const id = `out:${f.id}:${o.id}`;
      nodes.set(id, { id, kind: "target", label: o.id, detail: o.use, href: null });
      addEdge(prev, id);
      if (iface) {
        addSystem(iface.targetSystem);
        addEdge(id, `sys:${iface.targetSystem.id}`);
      }
      for (const d of observed.filter((x) => x.flowId === f.id)) {
        const sys = systemFor(d.endpoint, systems);
        if (!sys || sys.id === iface?.targetSystem.id) continue;
        addSystem(sys);
        addEdge(id, `sys:${sys.id}`, "observed", true);
      }
    }
    out.push({
      flowId: f.id,
      flowName: f.name,
      version: version?.version ?? null,
      environmentKey: version?.environmentKey ?? null,
      fields: version ? fieldLineageOf(version.spec) : [],
    });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], flows: out };
}

/** Systems, interfaces and flows to pick a lineage scope from (search by name). */
export async function lineageScopeOptions(actor: Actor, q: string) {
  assertCan(actor, "quality:read");
  const name = q ? { name: { contains: q, mode: "insensitive" as const } } : {};
  const [systems, interfaces, flows, environments] = await Promise.all([
    db().system.findMany({ where: name, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 50 }),
    db().interface.findMany({
      where: { ...name, retiredAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
      take: 50,
    }),
    db().flow.findMany({
      where: { ...name, archivedAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
      take: 50,
    }),
    db().environment.findMany({ orderBy: { sortOrder: "asc" }, select: { key: true, name: true } }),
  ]);
  return { systems, interfaces, flows, environments };
}
