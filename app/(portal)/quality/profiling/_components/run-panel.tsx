"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button, Notice } from "@/components/ui";
import type { TProfileRunRow } from "@/lib/services/quality/profiling/types";
import { profileRunProgressAction, requestProfileRunAction } from "../actions";
import {
  describeRunProgress,
  formatCount,
  formatDuration,
  formatWhen,
  isActiveRun,
  runProgress,
} from "../_lib/present";
import { RunStatusBadge } from "./run-status-badge";

const POLL_MS = 2_000;
/** The engine's profiling job takes a request on its next pass, within a minute; past that, say so. */
const SLOW_START_MS = 90_000;

type TRun = TProfileRunRow & { columnCount?: number };

/**
 * The latest run with its progress. While a run is queued or running, or a "Run now" is waiting for
 * the engine to start one, it polls the run's stored progress every 2 s (as the quarantine's bulk
 * progress shows its job's); when the run ends the page re-renders with its columns and trend. The
 * page keys it by the run's id and status, so a re-render with a newer run starts it afresh.
 */
export function RunPanel({
  definitionId,
  initialRun,
  requestedAt = null,
  columnCount,
  canRun,
}: {
  definitionId: string;
  initialRun: TProfileRunRow | null;
  /** A "Run now" not yet taken by the engine (from the server), so a reload keeps waiting for it. */
  requestedAt?: string | null;
  columnCount: number;
  canRun: boolean;
}) {
  const router = useRouter();
  const [run, setRun] = useState<TRun | null>(initialRun ? { ...initialRun, columnCount } : null);
  // Set by "Run now": the id of the run that was latest before it (null: none), until a newer one appears.
  const [requested, setRequested] = useState<{ after: string | null; at: number } | null>(
    requestedAt ? { after: initialRun?.id ?? null, at: Date.parse(requestedAt) } : null,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [now, setNow] = useState(() => Date.now());
  const lastStatus = useRef(initialRun?.status ?? null);

  const isPolling = isActiveRun(run?.status) || requested !== null;
  useEffect(() => {
    if (!isPolling) return;
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      const r = await profileRunProgressAction({ id: definitionId }).catch(() => null);
      if (stopped || !r) return;
      if (!r.ok) return setProblem(r.error);
      setProblem(null);
      setNow(Date.now());
      const next = r.data;
      if (!next) return;
      setRequested((q) => (q && next.id !== q.after ? null : q));
      setRun(next);
      // A run that just ended: load its columns, trend, runs and anomalies.
      if (isActiveRun(lastStatus.current) && !isActiveRun(next.status)) router.refresh();
      lastStatus.current = next.status;
    };
    const timer = setInterval(tick, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [isPolling, definitionId, router]);

  const runNow = () =>
    start(async () => {
      setProblem(null);
      const r = await requestProfileRunAction({ id: definitionId }).catch(() => null);
      if (!r) return setProblem("The connection to the server was lost; the run was not requested.");
      if (!r.ok) return setProblem(r.error);
      setRequested({ after: run?.id ?? null, at: Date.now() });
      setNow(Date.now());
      lastStatus.current = "queued";
    });

  const isWaiting = requested !== null;
  const isActive = isActiveRun(run?.status);
  const progress = run && isActive ? runProgress(run) : null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {run ? (
            <>
              <RunStatusBadge status={run.status} />
              <span>
                {run.trigger === "manual" ? "Started by hand" : "Scheduled"}
                {run.startedAt ? ` · started ${formatWhen(run.startedAt)} UTC` : " · waiting to start"}
                {run.finishedAt ? ` · took ${formatDuration(run.startedAt, run.finishedAt)}` : ""}
              </span>
            </>
          ) : (
            <span className="text-slate-500">This profile has not run yet.</span>
          )}
        </div>
        {canRun && (
          <Button onClick={runNow} disabled={pending || isWaiting || isActive} aria-busy={pending}>
            {pending ? "Requesting…" : isWaiting ? "Run requested" : isActive ? "Running…" : "Run now"}
          </Button>
        )}
      </div>

      {problem && <Notice tone="danger">{problem}</Notice>}

      {isWaiting && !isActive && (
        <div
          role="status"
          aria-live="polite"
          className="space-y-1 rounded-md border border-indigo-200 bg-indigo-50 p-3"
        >
          <p className="text-sm text-indigo-900" data-testid="profile-run-progress">
            {now - requested.at > SLOW_START_MS
              ? "Still waiting for the engine to start the run: is the engine process running?"
              : "Run requested: the engine starts it on its next pass, within a minute…"}
          </p>
          <progress className="h-2 w-full" aria-label="Profile run progress" />
        </div>
      )}

      {run && isActive && (
        <div
          role="status"
          aria-live="polite"
          className="space-y-1 rounded-md border border-indigo-200 bg-indigo-50 p-3"
        >
          <p className="text-sm text-indigo-900" data-testid="profile-run-progress">
            {describeRunProgress(run)}
            {progress !== null ? ` (${Math.floor(progress * 100)}%)` : ""}
          </p>
          {/* No value while the total is unknown: an indeterminate bar rather than a made-up share. */}
          {progress === null ? (
            <progress className="h-2 w-full" aria-label="Profile run progress" />
          ) : (
            <progress className="h-2 w-full" max={1} value={progress} aria-label="Profile run progress" />
          )}
        </div>
      )}

      {run && !isActive && !isWaiting && (
        <div data-testid="profile-run-result">
          {run.status === "failed" ? (
            <Notice tone="danger" title="The run failed">
              {run.error ?? "The engine's log has the details."}
            </Notice>
          ) : (
            <p className="text-sm text-slate-700">
              {describeRunProgress(run)} {formatCount(run.columnCount ?? columnCount)} columns
              {run.anomalies
                ? `, ${formatCount(run.anomalies)} anomal${run.anomalies === 1 ? "y" : "ies"} against the baseline.`
                : ", nothing unusual against the baseline."}
              {run.windowStart && run.windowEnd
                ? ` Messages from ${formatWhen(run.windowStart)} to ${formatWhen(run.windowEnd)} UTC.`
                : ""}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
