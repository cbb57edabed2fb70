import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listApiPlans } from "@/lib/services/apis/plans";
import { requirePageAccess } from "@/lib/session";
import { DeletePlanButton } from "./_components/delete-plan-button";

export const metadata: Metadata = { title: "API plans" };

export default async function ApiPlansPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const actor = await requirePageAccess("api:read");
  const { saved } = await searchParams;
  const plans = await listApiPlans(actor);
  const canManage = can(actor.role, "api:keys");
  const savedPlan = saved ? plans.find((p) => p.id === saved) : undefined;
  const newButton = canManage ? (
    <LinkButton href="/apis/plans/new" variant="primary">
      New plan
    </LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Plans"
        description="What each consumer may call: a token bucket (a rate with bursts) and per-minute, per-day and per-month quotas, enforced exactly by the API gateway."
        actions={newButton}
      />
      {savedPlan && (
        <div className="mb-4">
          <Notice tone="success">Plan {savedPlan.name} saved. The gateway applies it to its consumers now.</Notice>
        </div>
      )}
      {plans.length === 0 ? (
        <EmptyState
          title="No plans yet"
          description="Create a plan before adding consumers: every consumer calls under one."
          action={newButton}
        />
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Plans</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Plan
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Allows
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Consumers
                  </th>
                  {canManage && (
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {plans.map((p) => (
                  <tr key={p.id}>
                    <td className="px-3 py-2 align-top">
                      {canManage ? (
                        <Link href={`/apis/plans/${p.id}`} className="font-medium text-indigo-700 hover:underline">
                          {p.name}
                        </Link>
                      ) : (
                        <span className="font-medium">{p.name}</span>
                      )}
                      <div className="font-mono text-xs text-slate-500">{p.key}</div>
                      {p.description && <p className="mt-1 max-w-md text-xs text-slate-600">{p.description}</p>}
                    </td>
                    <td className="px-3 py-2 align-top">{p.allows}</td>
                    <td className="px-3 py-2 text-right align-top tabular-nums">
                      <Link
                        href={`/apis/consumers?f.plan=${p.id}`}
                        className="text-indigo-700 hover:underline"
                        aria-label={`${p.consumerCount} consumers on ${p.name}`}
                      >
                        {p.consumerCount}
                      </Link>
                    </td>
                    {canManage && (
                      <td className="px-3 py-2 text-right align-top">
                        <div className="flex justify-end gap-2">
                          <LinkButton href={`/apis/plans/${p.id}`} size="sm" aria-label={`Edit ${p.name}`}>
                            Edit
                          </LinkButton>
                          <DeletePlanButton id={p.id} name={p.name} consumerCount={p.consumerCount} />
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
