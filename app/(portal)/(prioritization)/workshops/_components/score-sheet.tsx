"use client";

import { Button, Notice, useFormAction } from "@/components/ui";
import type { ParticipantView } from "@/lib/services/prioritization/workshops";
import { submitScoresAction } from "../actions";

const SCALE = [1, 2, 3, 4, 5];

function CandidateScores({
  sessionId,
  candidate,
  criteria,
  isLocked,
}: {
  sessionId: string;
  candidate: ParticipantView["candidates"][number];
  criteria: ParticipantView["criteria"];
  isLocked: boolean;
}) {
  const { state, pending, formProps } = useFormAction(submitScoresAction);
  const scoredAll = criteria.every((c) => candidate.scores[c.key] !== undefined);
  return (
    <form
      {...formProps}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      aria-label={`Scores for ${candidate.name}`}
      data-testid={`score-${candidate.name}`}
    >
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="candidateId" value={candidate.id} />
      <div className="mb-3 flex items-start justify-between gap-3">
        <div>
          <h2 className="font-semibold text-slate-900">{candidate.name}</h2>
          {candidate.description && <p className="text-sm text-slate-500">{candidate.description}</p>}
        </div>
        {scoredAll && !state && <span className="text-xs text-emerald-700">Scored</span>}
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {criteria.map((c) => (
          <label key={c.key} className="block text-sm">
            <span className="block font-medium text-slate-700">{c.label}</span>
            <span className="block text-xs text-slate-500">
              {c.isInverted ? "1 = simple, 5 = very complex" : "1 = low, 5 = high"}
            </span>
            <select
              name={`score.${c.key}`}
              defaultValue={candidate.scores[c.key] ?? ""}
              disabled={isLocked}
              aria-label={`${candidate.name}: ${c.label}`}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
            >
              <option value="">—</option>
              {SCALE.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {!isLocked && (
        <div className="mt-3 flex items-center gap-3">
          <Button type="submit" size="sm" disabled={pending} aria-busy={pending}>
            {pending ? "Saving…" : `Save scores for ${candidate.name}`}
          </Button>
          {state?.ok && (
            <span className="text-sm text-emerald-700">
              Saved {state.data.saved} score(s) at {new Date(state.data.at).toLocaleTimeString()}.
            </span>
          )}
        </div>
      )}
      {state && !state.ok && (
        <div className="mt-3">
          <Notice tone="danger">{state.error}</Notice>
        </div>
      )}
    </form>
  );
}

export function ScoreSheet({ view }: { view: ParticipantView }) {
  const isLocked = view.status === "locked";
  return (
    <div className="space-y-4">
      {isLocked ? (
        <Notice tone="neutral" title="This session is locked">
          The facilitator locked it on {new Date(view.lockedAt!).toLocaleString()}. Your scores are kept in the snapshot
          and can no longer change.
        </Notice>
      ) : (
        <Notice tone="info">
          Score each candidate on every criterion from 1 to 5. Only you see your scores; the facilitator sees the
          aggregate. You can change a score until the session is locked.
        </Notice>
      )}
      {view.candidates.map((c) => (
        <CandidateScores key={c.id} sessionId={view.id} candidate={c} criteria={view.criteria} isLocked={isLocked} />
      ))}
    </div>
  );
}
