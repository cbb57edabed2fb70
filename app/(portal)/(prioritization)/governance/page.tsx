import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { processLookupOption } from "@/lib/services/inventory/lookups";
import {
  listBreaches,
  listDecisions,
  listGovernanceRules,
  listReviews,
} from "@/lib/services/prioritization/governance-records";
import { parseListQuery } from "@/lib/validation/list";
import { DecisionsTable } from "./_components/decisions-table";
import { DecisionForm, ReviewForm, RuleForm } from "./_components/forms";

export const metadata: Metadata = { title: "Governance" };

const REVIEWS_PER_PAGE = 20;

export default async function GovernancePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("governance:read");
  const params = await searchParams;
  const review = typeof params.review === "string" ? params.review : undefined;
  // The decisions table owns the list parameters (page, q, sort, f.*); reviews page with their own.
  const decisionQuery = parseListQuery(params);
  const reviewsPage = Math.max(1, Math.floor(Number(params.reviewsPage)) || 1);
  const [rules, breaches, decisions, reviews, reviewProcess] = await Promise.all([
    listGovernanceRules(actor),
    listBreaches(actor),
    listDecisions(actor, decisionQuery),
    listReviews(actor, { page: reviewsPage, pageSize: REVIEWS_PER_PAGE }),
    // "Record review" links here with the process; the picker shows it without a search.
    processLookupOption(actor, review),
  ]);
  const canManage = can(actor.role, "governance:manage");
  const canReview = can(actor.role, "governance:review");
  const open = breaches.filter((b) => !b.isResolved);
  return (
    <>
      <PageHeader
        title="Governance thresholds"
        description="Standardize by default. A process decision that meets a threshold needs an architecture review, and its candidates cannot be approved until the review is recorded."
      />
      <div className="space-y-6">
        <Card
          title={`Breaches (${open.length} open)`}
          description="Resolved by an approved review recorded after the decision."
        >
          {breaches.length === 0 ? (
            <p className="text-sm text-slate-500">No process decision meets a threshold.</p>
          ) : (
            <table className="w-full text-sm" data-testid="breaches">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-1">
                    Process
                  </th>
                  <th scope="col">Rule</th>
                  <th scope="col">Value</th>
                  <th scope="col">Blocks candidates</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {breaches.map((b) => (
                  <tr key={`${b.processId}-${b.ruleId}`} className="border-t border-slate-100">
                    <th scope="row" className="py-1.5 text-left font-medium">
                      {b.processName}
                    </th>
                    <td>{b.ruleName}</td>
                    <td className="tabular-nums">{b.actual}</td>
                    <td>
                      {b.candidates.length === 0
                        ? "—"
                        : b.candidates.map((c, i) => (
                            <span key={c.id}>
                              {i > 0 && ", "}
                              <Link href={`/candidates/${c.id}`} className="text-indigo-700 hover:underline">
                                {c.name}
                              </Link>
                            </span>
                          ))}
                    </td>
                    <td>
                      {b.isResolved ? (
                        <Badge tone="success">Reviewed</Badge>
                      ) : (
                        <Badge tone="danger">Review required</Badge>
                      )}
                    </td>
                    <td>
                      {!b.isResolved && canReview && (
                        <Link
                          href={`/governance?review=${b.processId}#review`}
                          className="text-indigo-700 hover:underline"
                        >
                          Record review
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>

        <Card title="Rules" description={canManage ? "Admins configure the thresholds." : "Configured by admins."}>
          {canManage ? (
            <div className="space-y-2">
              {rules.map((r) => (
                <RuleForm key={r.id} rule={r} />
              ))}
              <RuleForm />
            </div>
          ) : (
            <ul className="list-disc space-y-1 pl-5 text-sm">
              {rules.map((r) => (
                <li key={r.id}>
                  {r.name}: {r.metric === "customization_score" ? "customization score" : "deviations"} {r.operator}{" "}
                  {r.threshold} {r.isActive ? "" : "(inactive)"}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Process decisions" description="Standardize or customize, with the rationale.">
            {canManage && (
              <div className="mb-4">
                <DecisionForm />
              </div>
            )}
            <DecisionsTable result={decisions} query={decisionQuery} />
          </Card>
          <Card title="Architecture reviews">
            {canReview && (
              <div id="review" className="mb-4">
                <ReviewForm key={review ?? "none"} defaultProcess={reviewProcess} />
              </div>
            )}
            <ul className="divide-y divide-slate-100 text-sm">
              {reviews.rows.map((r) => (
                <li key={r.id} className="py-2">
                  <span className="font-medium">{r.processName}</span>{" "}
                  <Badge tone={r.outcome === "approved" ? "success" : r.outcome === "rejected" ? "danger" : "warning"}>
                    {r.outcome.replace("_", " ")}
                  </Badge>
                  <span className="block text-slate-600">{r.notes}</span>
                  <span className="block text-xs text-slate-400">
                    {r.reviewer}, {new Date(r.reviewedAt).toLocaleDateString()}
                  </span>
                </li>
              ))}
            </ul>
            <ReviewsPager params={params} page={reviewsPage} total={reviews.total} />
          </Card>
        </div>
      </div>
    </>
  );
}

/** Newer/older links for the reviews card; every other parameter (the decisions table's) is kept. */
function ReviewsPager({
  params,
  page,
  total,
}: {
  params: Record<string, string | string[] | undefined>;
  page: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / REVIEWS_PER_PAGE));
  if (total === 0) return <p className="text-sm text-slate-500">No architecture reviews yet.</p>;
  const href = (to: number) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
      if (typeof v === "string" && k !== "reviewsPage" && k !== "review") next.set(k, v);
    if (to > 1) next.set("reviewsPage", String(to));
    const qs = next.toString();
    return `/governance${qs ? `?${qs}` : ""}`;
  };
  const from = (page - 1) * REVIEWS_PER_PAGE + 1;
  const to = Math.min(page * REVIEWS_PER_PAGE, total);
  return (
    <nav aria-label="Architecture review pages" className="mt-3 flex items-center gap-3 text-sm text-slate-600">
      <span>
        {from > total ? "No reviews on this page" : `Showing ${from}–${to}`} of {total.toLocaleString("en-US")}
      </span>
      {page > 1 && (
        <Link href={href(page - 1)} className="text-indigo-700 hover:underline">
          Newer
        </Link>
      )}
      {page < pages && (
        <Link href={href(page + 1)} className="text-indigo-700 hover:underline">
          Older
        </Link>
      )}
    </nav>
  );
}
