import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { isExpectedError } from "@/lib/errors";
import { getGoldenRecordOrThrow } from "@/lib/services/quality/master";
import { requirePageAccess } from "@/lib/session";
import { formatValue } from "../../_components/format-value";
import { HistoryList } from "../../_components/history-list";
import { SourceRecords } from "../../_components/source-records";

export const metadata: Metadata = { title: "Golden record" };

const RULES: Record<string, string> = {
  source_priority: "source priority",
  most_recent: "most recent",
  most_complete: "most complete",
  trusted_source: "trusted source",
};

export default async function GoldenRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("quality:read");
  const { id } = await params;
  const g = await getGoldenRecordOrThrow(actor, id).catch((error: unknown) => {
    if (isExpectedError(error)) notFound();
    throw error;
  });
  const canSteward = can(actor.role, "quality:steward");
  const sourceById = new Map(g.sources.map((s) => [s.id, s]));
  return (
    <>
      <PageHeader
        title={formatValue(g.attributes[g.attributeNames[0] ?? ""]) || "Golden record"}
        description={`${g.entityName} golden record · version ${g.version} · computed with configuration v${g.configVersion} · ${g.sourceCount} source record(s)`}
      />
      <p className="-mt-4 mb-4 text-sm">
        <Link href={`/quality/master/${g.entityKey}`} className="text-indigo-700 hover:underline">
          ← {g.entityName}
        </Link>
        <span className="ml-3">
          <Badge tone={g.status === "active" ? "success" : "neutral"}>{g.status}</Badge>
        </span>
      </p>
      {g.status === "merged" && g.mergedIntoId && (
        <Notice tone="info" title="Merged">
          Its source records now belong to{" "}
          <Link className="underline" href={`/quality/master/golden/${g.mergedIntoId}`}>
            another golden record
          </Link>
          ; an unmerge there brings them back.
        </Notice>
      )}
      {g.openReviews > 0 && (
        <Notice tone="warning" title={`${g.openReviews} open review(s)`}>
          <Link className="underline" href={`/quality/master/queue?f.entity=${g.entityKey}`}>
            Decide them in the steward queue
          </Link>
          .
        </Notice>
      )}
      <Card
        title="Attributes and provenance"
        className="mt-4"
        description="Which system and source record won each attribute, by which rule, and when the source observed it."
      >
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1.5 pr-3">Attribute</th>
              <th className="py-1.5 pr-3">Value</th>
              <th className="py-1.5 pr-3">System</th>
              <th className="py-1.5 pr-3">Source record</th>
              <th className="py-1.5 pr-3">Rule</th>
              <th className="py-1.5 pr-3">Observed</th>
            </tr>
          </thead>
          <tbody>
            {g.attributeNames.map((name) => {
              const p = g.provenance[name];
              return (
                <tr key={name} className="border-t border-slate-100" data-testid={`provenance-${name}`}>
                  <th scope="row" className="py-1.5 pr-3 text-left font-mono font-normal">
                    {name}
                  </th>
                  <td className="py-1.5 pr-3 font-medium">{formatValue(g.attributes[name])}</td>
                  <td className="py-1.5 pr-3">{p ? <Badge tone="info">{p.system}</Badge> : "—"}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">
                    {p ? (sourceById.get(p.sourceRecordId)?.sourceId ?? p.sourceId) : "—"}
                  </td>
                  <td className="py-1.5 pr-3">{p ? RULES[p.rule] : "no source has a value"}</td>
                  <td className="py-1.5 pr-3 text-slate-600">{p ? p.observedAt.slice(0, 16).replace("T", " ") : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      <SourceRecords
        goldenId={g.id}
        attributeNames={g.attributeNames}
        sources={g.sources}
        canUnmerge={canSteward && g.sources.length > 1}
      />
      <HistoryList history={g.history} canUndo={canSteward} />
    </>
  );
}
