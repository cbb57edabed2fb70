import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { parseNodeId, type TNodeId } from "@/lib/catalog/graph-types";
import { getCatalogGraphView } from "@/lib/services/catalog";
import { requirePageAccess } from "@/lib/session";
import { CatalogNav } from "../_components/catalog-nav";
import { ImpactGraph } from "./_components/impact-graph";

export const metadata: Metadata = { title: "Impact graph" };

export default async function CatalogGraphPage({ searchParams }: { searchParams: Promise<{ focus?: string }> }) {
  const actor = await requirePageAccess("catalog:read");
  const { focus } = await searchParams;
  const graph = await getCatalogGraphView(actor);
  const initialFocus = focus && parseNodeId(focus) ? (focus as TNodeId) : null;
  return (
    <>
      <PageHeader
        title="Impact graph"
        description="Systems, flows and queues with their declared and observed dependencies. Select one to see what breaks, transitively, if it is down, changed or retired."
      />
      <CatalogNav />
      {graph.nodes.length === 0 ? (
        <EmptyState
          title="Nothing to draw yet"
          description="Systems in the inventory and flows you build appear here."
        />
      ) : (
        <ImpactGraph graph={graph} initialFocus={initialFocus} />
      )}
    </>
  );
}
