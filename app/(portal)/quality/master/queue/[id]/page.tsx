import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { isExpectedError } from "@/lib/errors";
import { getReviewItemOrThrow } from "@/lib/services/quality/master";
import { requirePageAccess } from "@/lib/session";
import { formatValue } from "../../_components/format-value";
import { ReviewDecision } from "../../_components/review-decision";

export const metadata: Metadata = { title: "Review pair" };

export default async function ReviewItemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("quality:read");
  const { id } = await params;
  const item = await getReviewItemOrThrow(actor, id).catch((error: unknown) => {
    if (isExpectedError(error)) notFound();
    throw error;
  });
  const scoreOf = new Map(item.fieldScores.map((f) => [f.attribute, f.similarity]));
  return (
    <>
      <PageHeader
        title={`${item.sourceRecord.label} ↔ ${item.candidateLabel}`}
        description={`${item.entityName}: score ${item.score.toFixed(3)}, between the review threshold ${item.reviewThreshold} and the match threshold ${item.matchThreshold}.`}
      />
      <p className="-mt-4 mb-4 text-sm">
        <Link href="/quality/master/queue" className="text-indigo-700 hover:underline">
          ← Steward queue
        </Link>
        <span className="ml-3">
          <Badge tone={item.status === "open" ? "warning" : "neutral"}>{item.status}</Badge>
        </span>
      </p>
      <Card
        title="Side by side"
        description="The new source record against the golden record it may belong to, with each attribute's similarity."
      >
        <table className="min-w-full text-sm" aria-label="Comparison">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1.5 pr-3">Attribute</th>
              <th className="py-1.5 pr-3">
                New record ({item.source.system}/{item.source.sourceId})
              </th>
              <th className="py-1.5 pr-3">
                <Link className="text-indigo-700 hover:underline" href={`/quality/master/golden/${item.candidate.id}`}>
                  Golden record
                </Link>{" "}
                ({item.candidate.sources.map((s) => s.system).join(", ")})
              </th>
              <th className="py-1.5 pr-3">Similarity</th>
            </tr>
          </thead>
          <tbody>
            {item.attributeNames.map((name) => {
              const left = formatValue(item.source.attributes[name]);
              const right = formatValue(item.candidate.attributes[name]);
              const similarity = scoreOf.get(name);
              return (
                <tr key={name} className="border-t border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 text-left font-mono font-normal">
                    {name}
                  </th>
                  <td className={`py-1.5 pr-3 ${left !== right ? "bg-amber-50" : ""}`}>{left}</td>
                  <td className={`py-1.5 pr-3 ${left !== right ? "bg-amber-50" : ""}`}>{right}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">
                    {similarity === undefined ? "—" : similarity.toFixed(2)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      {item.status === "open" && can(actor.role, "quality:steward") && (
        <ReviewDecision reviewItemId={item.id} candidateGoldenId={item.candidate.id} />
      )}
    </>
  );
}
