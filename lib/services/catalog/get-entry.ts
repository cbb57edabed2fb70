import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { nodeId, type TCatalogNode, type TEdgeSource } from "@/lib/catalog/graph-types";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZCatalogEntryRef } from "@/lib/validation/catalog";
import { catalogNode, describeImpact, type TImpactDependent } from "./describe-impact";
import { entryHref, neighbourRows, subjectHref, type TEdgeRow } from "./entry-rows";
import { loadCatalogGraph } from "./load-graph";

export type TEntryMetadata = {
  ownerId: string | null;
  ownerName: string;
  lifecycle: TCatalogNode["lifecycle"];
  tier: number;
  docsUrl: string;
  runbookUrl: string;
  description: string;
  assessmentIntervalDays: number;
  /** Someone set metadata; otherwise these are the defaults (lifecycle and tier from the inventory). */
  isSet: boolean;
  updatedAt: string | null;
};

export type TUnmatchedDependency = {
  direction: "inbound" | "outbound";
  source: TEdgeSource;
  endpointKind: string;
  endpoint: string;
  caller: string;
  via: string;
  messages: number | null;
  lastSeenAt: string | null;
  environments: string[];
};

export type TDependencySide = { dependsOn: TEdgeRow[]; dependents: TEdgeRow[] };

export type TCatalogEntryDetail = {
  node: TCatalogNode;
  href: string;
  subjectHref: string | null;
  metadata: TEntryMetadata;
  /** Systems: what the engine's endpoints and callers are matched with. */
  system: { endpoints: string[]; callerIds: string[] } | null;
  declared: TDependencySide;
  observed: TDependencySide;
  /** Flows: endpoints and callers no system declares. */
  unmatched: TUnmatchedDependency[];
  /** Everything that breaks, transitively, if it is down, changed or retired. */
  impact: TImpactDependent[];
};

export async function getCatalogEntryOrThrow(actor: Actor, raw: unknown): Promise<TCatalogEntryDetail> {
  assertCan(actor, "catalog:read");
  const ref = ZCatalogEntryRef.parse(raw);
  const graph = await loadCatalogGraph(db());
  const id = nodeId(ref.kind, ref.key);
  const node = catalogNode(graph, id);
  if (!node) throw new AppError("NOT_FOUND", `That ${ref.kind} is not in the catalog.`);
  const [entry, system] = await Promise.all([
    db().catalogEntry.findUnique({ where: { kind_key: { kind: ref.kind, key: ref.key } } }),
    ref.kind === "system"
      ? db().system.findUnique({ where: { id: ref.key }, select: { endpoints: true, callerIds: true } })
      : null,
  ]);
  const incoming = graph.edges.filter((e) => e.to === id && e.from !== id);
  const outgoing = graph.edges.filter((e) => e.from === id && e.to !== id);
  const side = (source: TEdgeSource): TDependencySide => ({
    dependsOn: neighbourRows(
      graph,
      incoming.filter((e) => e.source === source),
      "from",
    ),
    dependents: neighbourRows(
      graph,
      outgoing.filter((e) => e.source === source),
      "to",
    ),
  });
  const unmatched =
    ref.kind === "flow"
      ? graph.dependencies
          .filter((d) => d.flowId === ref.key && !d.nodeId && !(d.source === "declared" && d.via === "http input"))
          .map((d) => ({
            direction: d.direction,
            source: d.source,
            endpointKind: d.endpointKind,
            endpoint: d.endpoint,
            caller: d.caller,
            via: d.via,
            messages: d.messages ?? null,
            lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
            environments: d.environments ?? [],
          }))
      : [];
  return {
    node,
    href: entryHref(node),
    subjectHref: subjectHref(node),
    metadata: {
      ownerId: node.ownerId,
      ownerName: entry ? entry.ownerName : node.ownerName,
      lifecycle: node.lifecycle,
      tier: node.tier,
      docsUrl: entry?.docsUrl ?? "",
      runbookUrl: entry?.runbookUrl ?? "",
      description: entry?.description ?? "",
      assessmentIntervalDays: entry?.assessmentIntervalDays ?? 91,
      isSet: Boolean(entry),
      updatedAt: entry?.updatedAt.toISOString() ?? null,
    },
    system,
    declared: side("declared"),
    observed: side("observed"),
    unmatched,
    impact: describeImpact(graph, id)?.dependents ?? [],
  };
}
