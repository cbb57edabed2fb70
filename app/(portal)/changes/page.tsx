import type { Metadata } from "next";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { cabHome, listChanges } from "@/lib/services/changes";
import { uiRiskFactorsByChange } from "@/lib/services/changes/ui-queries";
import { listEnvironments } from "@/lib/services/flows";
import { requirePageAccess } from "@/lib/session";
import { CHANGE_STATUSES } from "@/lib/validation/changes";
import { parseListQuery } from "@/lib/validation/list";
import { ChangeCard } from "./_components/change-card";
import { ChangesNav } from "./_components/changes-nav";
import { ChangesTable } from "./_components/changes-table";
import { toChangeListInput } from "./_lib/list-query";

export const metadata: Metadata = { title: "Changes" };

/** Who gets the CAB home: those who vote on changes. Everyone else sees the list. */
const VOTERS = new Set(["cab_member", "data_owner", "admin"]);

export default async function ChangesHomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("change:read");
  const canManage = can(actor.role, "change:manage");
  if (!VOTERS.has(actor.role)) {
    const query = parseListQuery(await searchParams);
    const [result, environments] = await Promise.all([
      listChanges(actor, toChangeListInput(query)),
      listEnvironments(actor),
    ]);
    return (
      <>
        <PageHeader
          title="Changes"
          description="Production runs only what the change advisory board approved. Every change, its risk and its decision."
        />
        <ChangesNav current="/changes" canManage={canManage} />
        <ChangesTable
          result={result}
          query={query}
          environments={environments.map((e) => ({ value: e.key, label: e.name }))}
          statuses={CHANGE_STATUSES}
        />
      </>
    );
  }
  const home = await cabHome(actor);
  const factors = await uiRiskFactorsByChange(actor, [
    ...home.awaitingMyVote.map((c) => c.id),
    ...home.emergencyFollowUp.map((c) => c.id),
  ]);
  return (
    <>
      <PageHeader
        title="Change advisory board"
        description="What waits for your vote, emergency changes that still need approvals or a review, and what is scheduled this week."
      />
      <ChangesNav current="/changes" canManage={canManage} />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label="Waiting for your vote" value={home.awaitingMyVote.length} />
        <Stat label="Emergency follow-up" value={home.emergencyFollowUp.length} hint="approvals or review pending" />
        <Stat label="Next 7 days" value={home.upcoming.length} hint="submitted or approved" />
      </div>
      <div className="space-y-6">
        <Card
          title="Waiting for your vote"
          description="Riskiest factors first; open a change to see every factor and the diff."
        >
          {home.awaitingMyVote.length ? (
            <div className="space-y-3" data-testid="awaiting-my-vote">
              {home.awaitingMyVote.map((c) => (
                <ChangeCard key={c.id} change={c} factors={factors[c.id]} />
              ))}
            </div>
          ) : (
            <EmptyState
              title="Nothing waits for your vote"
              description="New changes appear here and in your notifications."
            />
          )}
        </Card>
        <Card
          title="Emergency changes"
          description="Deployed first: each needs two approvals afterwards and a post-implementation review."
        >
          {home.emergencyFollowUp.length ? (
            <div className="space-y-3" data-testid="emergency-follow-up">
              {home.emergencyFollowUp.map((c) => (
                <ChangeCard key={c.id} change={c} factors={factors[c.id]} />
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-600">No emergency change awaits approval or review.</p>
          )}
        </Card>
        <Card title="Upcoming in the next 7 days">
          {home.upcoming.length ? (
            <div className="space-y-3" data-testid="upcoming">
              {home.upcoming.map((c) => (
                <ChangeCard key={c.id} change={c} />
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-600">No change is scheduled in the next 7 days.</p>
          )}
        </Card>
      </div>
    </>
  );
}
