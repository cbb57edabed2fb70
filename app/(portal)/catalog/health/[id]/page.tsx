import type { Metadata } from "next";
import Link from "next/link";
import { Card, Notice, PageHeader, Stat } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { getAssessmentOrThrow, type TAssessmentDetail } from "@/lib/services/health/get-assessment";
import { listAssessmentPeople } from "@/lib/services/health/user-names";
import { requirePageAccess } from "@/lib/session";
import { TECHNICAL_DEBT_LEVELS } from "@/lib/validation/health";
import { ActionItemsList } from "../_components/action-items-list";
import { AssessmentStatusBadge, ScoreBadge, ScoreDelta } from "../_components/badges";
import { CompleteForm } from "../_components/complete-form";
import { ScoreTrendChart } from "../_components/score-trend-chart";
import { SignalBars } from "../_components/signal-bars";
import { dueLabel, formatDay } from "../_lib/format";
import { TECHNICAL_DEBT_PENALTY, scoreTrend } from "@/lib/services/health";

export const metadata: Metadata = { title: "Health assessment" };

function ScoreBreakdown({ a }: { a: TAssessmentDetail }) {
  const b = a.breakdown;
  if (!b) return null;
  if (a.status === "due")
    return (
      <p className="text-sm text-slate-600">
        The signals score <strong>{b.signalScore}</strong> now. Completing stores them and takes 0–15 points off for
        technical debt.
      </p>
    );
  return (
    <p className="text-sm text-slate-600" data-testid="score-breakdown">
      Signals {b.signalScore} − technical debt {b.debtPenalty} = <strong>{b.score}</strong>
    </p>
  );
}

function Answers({ a }: { a: TAssessmentDetail }) {
  if (!a.answers) return <p className="text-sm text-slate-500">No answers were recorded.</p>;
  const debt = TECHNICAL_DEBT_LEVELS.find((l) => l.value === a.answers!.technicalDebt);
  const rows: [string, string][] = [
    ["Technical debt", debt?.label ?? String(a.answers.technicalDebt)],
    ["Known bottlenecks", a.answers.bottlenecks],
    ["Optimization ideas", a.answers.optimizationIdeas],
    ...(a.answers.notes ? ([["Notes", a.answers.notes]] as [string, string][]) : []),
  ];
  return (
    <dl className="space-y-3 text-sm">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd className="whitespace-pre-line text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function HealthAssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageAccess("catalog:read");
  const { id } = await params;
  const now = new Date();
  const a = await orNotFound(getAssessmentOrThrow(actor, id, now));
  const [trend, people] = await Promise.all([
    scoreTrend(actor, a.flow.id),
    a.canComplete ? listAssessmentPeople(actor) : Promise.resolve([]),
  ]);
  const isDue = a.status === "due";
  return (
    <>
      <PageHeader
        title={`Health assessment: ${a.flow.name}`}
        description={
          isDue
            ? `Opened ${formatDay(a.createdAt)}, ${dueLabel(a.dueAt, now)} (${formatDay(a.dueAt)}).`
            : `Completed ${formatDay(a.completedAt)} by ${a.completedBy?.name ?? "someone"}.`
        }
        actions={
          <>
            <Link href="/catalog/health" className="text-sm text-indigo-700 hover:underline">
              All assessments
            </Link>
            <Link href={`/flows/${a.flow.id}`} className="text-sm text-indigo-700 hover:underline">
              Open the flow
            </Link>
          </>
        }
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="assessment-summary">
        <Stat
          label="Score"
          value={
            isDue ? (
              <span className="text-base font-normal text-slate-500">after completion</span>
            ) : (
              <span className="inline-flex items-center gap-2" data-testid="assessment-score">
                {a.score}
                <ScoreDelta score={a.score} previous={a.previousScore} />
              </span>
            )
          }
          hint="0–100, higher is healthier"
        />
        <Stat
          label="Previous score"
          value={<span data-testid="previous-score">{a.previousScore ?? "—"}</span>}
          hint={a.previousScore === null ? "First assessment of this flow" : undefined}
        />
        <Stat label="Status" value={<AssessmentStatusBadge status={a.status} isOverdue={a.isOverdue} />} />
        <Stat
          label="Assignee"
          value={<span className="text-base">{a.assignee?.name ?? "Nobody"}</span>}
          hint={a.remindersSent ? `${a.remindersSent} reminder(s) sent` : undefined}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          title="Signals"
          description={
            isDue
              ? `Read now from ${a.environment?.name ?? "no environment"}; completing stores the values as they are then.`
              : "As read from the engine's rollups when the assessment was completed."
          }
        >
          <SignalBars signals={a.signals} />
        </Card>
        <div className="space-y-6">
          <Card title="Score" actions={isDue ? undefined : <ScoreBadge score={a.score} />}>
            <ScoreBreakdown a={a} />
            <div className="mt-4">
              <ScoreTrendChart points={trend} />
            </div>
          </Card>
          {!isDue && (
            <Card title="Answers">
              <Answers a={a} />
            </Card>
          )}
        </div>
      </div>
      <div className="mt-6">
        {isDue ? (
          a.canComplete ? (
            <Card title="Questionnaire" description="What the metrics cannot see, and what should be done about it.">
              <CompleteForm
                assessmentId={a.id}
                people={people.map((p) => ({ id: p.id, name: p.name }))}
                defaultOwnerId={actor.id}
                debtPenalties={{ ...TECHNICAL_DEBT_PENALTY }}
              />
            </Card>
          ) : (
            <Notice title="Waiting for the assignee">
              {a.assignee
                ? `${a.assignee.name ?? "The assignee"} completes this assessment; a catalog editor may complete it in their place.`
                : "Nobody is assigned: a catalog editor may complete it, or set the flow's owner in the catalog."}
            </Notice>
          )
        ) : (
          <Card title="Action items" description="Tracked to closure: the owner marks each one done.">
            <ActionItemsList items={a.actionItems} />
          </Card>
        )}
      </div>
    </>
  );
}
