// Finds a catalog node from what a person types: "kind:key" (an id), "kind:name" or a bare name.
import { parseNodeId, type TCatalogGraph, type TCatalogNode } from "@/lib/catalog/graph-types";

export type TResolved = { node: TCatalogNode } | { ambiguous: TCatalogNode[] } | null;

export function resolveEntry(graph: TCatalogGraph, text: string): TResolved {
  const wanted = text.trim();
  const parsed = parseNodeId(wanted);
  if (parsed) {
    const byId = graph.nodes.find((n) => n.kind === parsed.kind && n.key === parsed.key);
    if (byId) return { node: byId };
  }
  const lower = (parsed ? parsed.key : wanted).toLowerCase();
  const matches = graph.nodes.filter((n) => (!parsed || n.kind === parsed.kind) && n.name.toLowerCase() === lower);
  if (matches.length === 1) return { node: matches[0]! };
  if (matches.length > 1) return { ambiguous: matches };
  return null;
}
