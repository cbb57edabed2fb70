"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button, ConfirmDialog, Input, Notice } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import type { QuarantineBulkJobView } from "@/lib/services/quality/quarantine";
import type { TListQuery } from "@/lib/validation/list";
import { cancelQuarantineBulkAction, runQuarantineBulkChunkAction, startQuarantineBulkAction } from "../actions";

const count = new Intl.NumberFormat("en-US");
const entries = (n: number) => `${count.format(n)} entr${n === 1 ? "y" : "ies"}`;
type TAction = "resubmit" | "reject";
const VERB: Record<TAction, { doing: string; done: string; label: string }> = {
  resubmit: { doing: "Resubmitting", done: "queued for resubmission", label: "Resubmit" },
  reject: { doing: "Rejecting", done: "rejected", label: "Reject" },
};

/**
 * Resubmit or reject every pending entry matching the list's search and filters, across all pages.
 * Starting records a bulk job (its count as of now); this component then asks for its chunks one by
 * one and shows the job's stored progress. The job's row is what counts: a job left running (a closed
 * tab) shows here to resume, and two tabs driving one job take turns on the server.
 */
export function BulkByFilter({
  query,
  filterSummary,
  runningJobs,
}: {
  query: TListQuery;
  filterSummary: string;
  runningJobs: QuarantineBulkJobView[];
}) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [job, setJob] = useState<QuarantineBulkJobView | null>(null);
  const [isDriving, setDriving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stop = useRef(false);
  const matching = filterSummary ? `matching ${filterSummary}` : "in the whole quarantine";
  const filter = { q: query.q, filters: query.filters };

  const drive = async (start: QuarantineBulkJobView) => {
    stop.current = false;
    setDriving(true);
    setProblem(null);
    let state = start;
    setJob(state);
    while (state.status === "running") {
      if (stop.current) {
        const r = await cancelQuarantineBulkAction({ jobId: state.id }).catch(() => null);
        if (r?.ok) state = r.data;
        break;
      }
      let r: ActionResult<QuarantineBulkJobView>;
      try {
        r = await runQuarantineBulkChunkAction({ jobId: state.id });
      } catch {
        r = { ok: false, code: "INTERNAL", error: "The connection to the server was lost." };
      }
      if (!r.ok) {
        setProblem(`${r.error} What is done stays done; resume to carry on.`);
        break;
      }
      state = r.data;
      setJob(state);
    }
    setJob(state);
    setDriving(false);
    router.refresh();
  };

  const start = async (action: TAction) => {
    const r = await startQuarantineBulkAction({ filter, action, reason: action === "reject" ? reason : undefined });
    if (!r.ok) return r.error;
    setReason("");
    void drive(r.data);
  };

  const resumable = runningJobs.filter((j) => j.id !== job?.id);
  return (
    <div className="w-full space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">Everything {matching}:</span>
        <ConfirmDialog
          title={`Resubmit every pending entry ${matching}?`}
          tone="primary"
          confirmLabel="Resubmit all matching"
          description={`Every pending entry ${matching} that exists now, on all pages, is resubmitted in chunks of 200 (with its fix, if one was saved). Entries arriving meanwhile are left for later. The audit log names you.`}
          onConfirm={() => start("resubmit")}
          trigger={(open) => (
            <Button size="sm" variant="secondary" onClick={open} disabled={isDriving}>
              Resubmit all matching…
            </Button>
          )}
        />
        <ConfirmDialog
          title={`Reject every pending entry ${matching}?`}
          confirmLabel="Reject all matching"
          description={
            <div className="space-y-2">
              <p>
                Every pending entry {matching} that exists now, on all pages. Rejected records never go downstream; they
                stay, marked rejected, and the audit log names you.
              </p>
              <label className="block space-y-1">
                <span className="font-medium text-slate-700">Reason</span>
                <Input
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  aria-label="Reason for rejecting all"
                />
              </label>
            </div>
          }
          onConfirm={() => start("reject")}
          trigger={(open) => (
            <Button size="sm" variant="ghost" onClick={open} disabled={isDriving}>
              Reject all matching…
            </Button>
          )}
        />
      </div>
      {problem && <Notice tone="danger">{problem}</Notice>}
      {job && (
        <Progress job={job} isDriving={isDriving} onStop={() => (stop.current = true)} onResume={() => drive(job)} />
      )}
      {!isDriving &&
        resumable.map((j) => (
          <Notice key={j.id} tone="warning">
            A bulk {j.action} by {j.requestedByEmail} stopped at {count.format(j.done + j.failed)} of {entries(j.total)}
            .{" "}
            <button type="button" className="font-medium underline" onClick={() => drive(j)}>
              Resume
            </button>
          </Notice>
        ))}
    </div>
  );
}

function Progress({
  job,
  isDriving,
  onStop,
  onResume,
}: {
  job: QuarantineBulkJobView;
  isDriving: boolean;
  onStop: () => void;
  onResume: () => void;
}) {
  const verb = VERB[job.action];
  const handled = job.done + job.failed;
  const skipped = job.failed ? ` ${count.format(job.failed)} were no longer pending.` : "";
  if (job.status === "running" && isDriving)
    return (
      <div role="status" aria-live="polite" className="space-y-1 rounded-md border border-indigo-200 bg-indigo-50 p-3">
        <div className="flex items-center justify-between gap-3 text-sm text-indigo-900">
          <span data-testid="bulk-progress">
            {verb.doing}: {count.format(handled)} of {entries(job.total)}…
          </span>
          <Button size="sm" variant="secondary" onClick={onStop}>
            Stop
          </Button>
        </div>
        <progress
          className="h-2 w-full"
          max={job.total}
          value={Math.min(handled, job.total)}
          aria-label="Bulk progress"
        />
      </div>
    );
  if (job.status === "running")
    return (
      <Notice tone="warning">
        <span data-testid="bulk-result">
          Paused at {count.format(handled)} of {entries(job.total)}.
        </span>{" "}
        <button type="button" className="font-medium underline" onClick={onResume}>
          Resume
        </button>
      </Notice>
    );
  return (
    <Notice tone={job.status === "completed" ? "success" : "warning"}>
      <span data-testid="bulk-result">
        {job.status === "cancelled" ? "Stopped. " : ""}
        {count.format(job.done)} of {entries(job.total)} {verb.done}.{skipped}
      </span>
      <progress
        className="mt-1 h-2 w-full"
        max={job.total}
        value={Math.min(handled, job.total)}
        aria-label="Bulk progress"
      />
    </Notice>
  );
}
