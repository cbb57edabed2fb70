import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { findMasterEntities, findReviewItems } from "@/lib/services/quality/master";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery, ZListQuery } from "@/lib/validation/list";
import { QueueTable } from "../_components/queue-table";

export const metadata: Metadata = { title: "Steward queue" };

export default async function StewardQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const [result, entities] = await Promise.all([
    findReviewItems(actor, query),
    findMasterEntities(actor, ZListQuery.parse({ pageSize: 100 })),
  ]);
  const isEmpty = result.total === 0 && !query.q && Object.keys(query.filters).length === 0;
  return (
    <>
      <PageHeader
        title="Steward queue"
        description="Candidate pairs that scored between the review and the match threshold. Compare them side by side, then merge them or mark them not a match."
      />
      {isEmpty ? (
        <EmptyState
          title="Nothing to review"
          description="Every source record was matched with confidence or started its own golden record."
        />
      ) : (
        <QueueTable
          result={result}
          query={query}
          entities={entities.rows.map((e) => ({ value: e.key, label: e.name }))}
        />
      )}
    </>
  );
}
