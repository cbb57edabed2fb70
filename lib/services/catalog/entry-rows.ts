// Shapes the pages read: plain, serializable rows built from the loaded graph.
import type { TCatalogEdge, TCatalogNode, TEdgeSource, TNodeId, TNodeKind } from "@/lib/catalog/graph-types";
import type { TLoadedCatalog } from "./build-graph";
import { catalogNode } from "./describe-impact";

export type TEdgeRow = {
  nodeId: TNodeId;
  kind: TNodeKind;
  name: string;
  source: TEdgeSource;
  /** The edges' labels, joined. */
  via: string;
  lastSeenAt: string | null;
  messages: number | null;
};

/** Where the thing itself lives in the portal. */
export function subjectHref(node: Pick<TCatalogNode, "kind" | "key">): string | null {
  if (node.kind === "system") return `/inventory/systems/${node.key}`;
  if (node.kind === "flow") return `/flows/${node.key}`;
  return null;
}

export const entryHref = (node: Pick<TCatalogNode, "kind" | "key">) =>
  `/catalog/${node.kind}/${encodeURIComponent(node.key)}`;

/** One row per neighbour and source (declared or observed), the edges between them merged. */
export function neighbourRows(graph: TLoadedCatalog, edges: TCatalogEdge[], side: "from" | "to"): TEdgeRow[] {
  const rows = new Map<string, TEdgeRow>();
  for (const e of edges) {
    const other = catalogNode(graph, e[side]);
    if (!other) continue;
    const key = `${e.source} ${other.id}`;
    const row = rows.get(key);
    const seen = e.lastSeenAt?.toISOString() ?? null;
    if (!row) {
      rows.set(key, {
        nodeId: other.id,
        kind: other.kind,
        name: other.name,
        source: e.source,
        via: e.via,
        lastSeenAt: seen,
        messages: e.messages ?? null,
      });
      continue;
    }
    if (!row.via.split("; ").includes(e.via)) row.via = `${row.via}; ${e.via}`;
    if (seen && (!row.lastSeenAt || seen > row.lastSeenAt)) row.lastSeenAt = seen;
    if (e.messages !== undefined) row.messages = Math.max(row.messages ?? 0, e.messages);
  }
  return [...rows.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
