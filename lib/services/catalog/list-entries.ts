import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import type { TCatalogLifecycle, TNodeId, TNodeKind } from "@/lib/catalog/graph-types";
import { db } from "@/lib/db";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { entryHref } from "./entry-rows";
import { loadCatalogGraph } from "./load-graph";

export type TCatalogEntryRow = {
  id: TNodeId;
  kind: TNodeKind;
  key: string;
  name: string;
  href: string;
  lifecycle: TCatalogLifecycle;
  tier: number;
  ownerId: string | null;
  ownerName: string;
  /** Distinct direct neighbours: what it depends on, and what depends on it. */
  dependsOn: number;
  dependents: number;
  /** Neighbours seen only in traffic, or only declared: the two sources disagree there. */
  observedOnly: number;
  lastSeenAt: string | null;
};

const SORTABLE = ["name", "kind", "lifecycle", "tier", "dependents", "lastSeenAt"] as const;

/**
 * Every system, flow and queue, with what the catalog adds. Built from the graph (a few thousand nodes
 * at most), so search, filters and counts are computed in memory rather than by one query per kind.
 */
export async function listCatalogEntries(actor: Actor, query: TListQuery): Promise<ListResult<TCatalogEntryRow>> {
  assertCan(actor, "catalog:read");
  const graph = await loadCatalogGraph(db());
  const up = new Map<TNodeId, Set<string>>();
  const down = new Map<TNodeId, Set<string>>();
  const sources = new Map<string, Set<string>>();
  const last = new Map<TNodeId, Date>();
  const add = (map: Map<TNodeId, Set<string>>, id: TNodeId, v: string) =>
    map.set(id, (map.get(id) ?? new Set()).add(v));
  for (const e of graph.edges) {
    add(up, e.to, e.from);
    add(down, e.from, e.to);
    for (const [a, b] of [
      [e.from, e.to],
      [e.to, e.from],
    ] as const) {
      const key = `${a} ${b}`;
      sources.set(key, (sources.get(key) ?? new Set()).add(e.source));
    }
    if (e.lastSeenAt)
      for (const id of [e.from, e.to]) if (!last.get(id) || e.lastSeenAt > last.get(id)!) last.set(id, e.lastSeenAt);
  }
  const observedOnly = (id: TNodeId) =>
    new Set(
      [...(up.get(id) ?? []), ...(down.get(id) ?? [])].filter((o) => {
        const s = sources.get(`${id} ${o}`);
        return s?.size === 1 && s.has("observed");
      }),
    ).size;

  const q = query.q.toLowerCase();
  const f = query.filters;
  const rows: TCatalogEntryRow[] = graph.nodes
    .filter(
      (n) =>
        (!q || n.name.toLowerCase().includes(q) || n.ownerName.toLowerCase().includes(q)) &&
        (!f.kind || n.kind === f.kind) &&
        (!f.lifecycle || n.lifecycle === f.lifecycle) &&
        (!f.tier || String(n.tier) === f.tier) &&
        (!f.owner || (f.owner === "none" ? !n.ownerId : n.ownerId === f.owner)),
    )
    .map((n) => ({
      id: n.id,
      kind: n.kind,
      key: n.key,
      name: n.name,
      href: entryHref(n),
      lifecycle: n.lifecycle,
      tier: n.tier,
      ownerId: n.ownerId,
      ownerName: n.ownerName,
      dependsOn: up.get(n.id)?.size ?? 0,
      dependents: down.get(n.id)?.size ?? 0,
      observedOnly: observedOnly(n.id),
      lastSeenAt: last.get(n.id)?.toISOString() ?? null,
    }));
  const sort = pickSort(query, SORTABLE, "name");
  const sign = sort.dir === "desc" ? -1 : 1;
  rows.sort((a, b) => {
    const x = a[sort.field] ?? "";
    const y = b[sort.field] ?? "";
    return (x < y ? -1 : x > y ? 1 : 0) * sign || a.name.localeCompare(b.name);
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    rows: rows.slice(start, start + query.pageSize),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
