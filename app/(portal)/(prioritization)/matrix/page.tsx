import type { Metadata } from "next";
import Link from "next/link";
import { BubbleChart, type BubblePoint } from "@/components/charts";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getMatrix } from "@/lib/services/prioritization/roadmap";
import { QUADRANTS } from "@/lib/services/prioritization/scoring";
import { MatrixNav } from "./_components/nav";

export const metadata: Metadata = { title: "Prioritization matrix" };

const EXPOSURE_GROUPS = [
  "Regulatory exposure: low (< 2.5)",
  "Regulatory exposure: medium (2.5–3.5)",
  "Regulatory exposure: high (≥ 3.5)",
];
const exposureGroup = (v: number) =>
  v >= 3.5 ? EXPOSURE_GROUPS[2] : v >= 2.5 ? EXPOSURE_GROUPS[1] : EXPOSURE_GROUPS[0];
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export default async function MatrixPage() {
  const actor = await requirePageAccess("candidate:read");
  const { snapshot, bubbles } = await getMatrix(actor);
  const points: BubblePoint[] = bubbles.map((b) => ({
    id: b.candidateId,
    label: b.name,
    x: b.complexity,
    y: b.impact,
    // Bubble area shows value; a negative NPV draws the smallest bubble.
    size: Math.max(0, b.npv),
    group: exposureGroup(b.regulatoryExposure),
  }));
  return (
    <>
      <PageHeader
        title="Prioritization matrix"
        description={
          snapshot
            ? `Business impact against integration complexity from the workshop "${snapshot.title}", locked ${new Date(snapshot.lockedAt).toLocaleString()}. Bubble size is NPV; colour is regulatory exposure.`
            : "Impact against complexity from the latest locked scoring workshop."
        }
      />
      <MatrixNav active="matrix" />
      {!snapshot ? (
        <EmptyState
          title="No locked workshop yet"
          description="Lock a scoring session to plot its result here."
          action={
            <Link href="/workshops" className="text-indigo-700 underline">
              Go to workshops
            </Link>
          }
        />
      ) : (
        <div className="space-y-6">
          <BubbleChart
            title="Impact vs complexity"
            description="Mean scores (1–5). Dashed lines split the scale at 3."
            points={points}
            xLabel="Integration complexity"
            yLabel="Business impact"
            sizeLabel="NPV"
            xDomain={[0.5, 5.5]}
            yDomain={[0.5, 5.5]}
            groups={EXPOSURE_GROUPS}
            quadrants={{
              x: 3,
              y: 3,
              labels: {
                topLeft: "Quick wins",
                topRight: "Strategic bets",
                bottomLeft: "Fill-ins",
                bottomRight: "Reconsider",
              },
              highlight: "topLeft",
            }}
            height={460}
          />
          <Card title="Candidates by quadrant">
            <table className="w-full text-sm" data-testid="matrix-table">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-1">
                    Candidate
                  </th>
                  <th scope="col">Quadrant</th>
                  <th scope="col">Impact</th>
                  <th scope="col">Complexity</th>
                  <th scope="col">Regulatory</th>
                  <th scope="col">NPV</th>
                  <th scope="col">Weighted score</th>
                </tr>
              </thead>
              <tbody>
                {bubbles
                  .sort((a, b) => (b.weightedScore ?? 0) - (a.weightedScore ?? 0))
                  .map((b) => (
                    <tr key={b.candidateId} className="border-t border-slate-100">
                      <th scope="row" className="py-1.5 text-left font-medium">
                        <Link href={`/candidates/${b.candidateId}`} className="text-indigo-700 hover:underline">
                          {b.name}
                        </Link>
                      </th>
                      <td>
                        <Badge
                          tone={
                            b.quadrant === "quick_win"
                              ? "success"
                              : b.quadrant === "avoid"
                                ? "danger"
                                : b.quadrant === "strategic"
                                  ? "info"
                                  : "neutral"
                          }
                        >
                          {QUADRANTS[b.quadrant]}
                        </Badge>
                      </td>
                      <td className="tabular-nums">{b.impact}</td>
                      <td className="tabular-nums">{b.complexity}</td>
                      <td className="tabular-nums">{b.regulatoryExposure}</td>
                      <td className="tabular-nums">{money.format(b.npv)}</td>
                      <td className="tabular-nums">{b.weightedScore ?? "—"}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </Card>
        </div>
      )}
    </>
  );
}
