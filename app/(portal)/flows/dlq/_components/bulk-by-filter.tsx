"use client";

import { useRef, useState } from "react";
import { Button, ConfirmDialog, Notice, Select } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import type { DeadLetterBulkBatch, DeadLetterBulkPlan } from "@/lib/services/runs";
import type { TDeadLetterFilter, TDlqBulkAction } from "@/lib/validation/dead-letters";
import type { TListQuery } from "@/lib/validation/list";
import type { VersionOption } from "../../_lib/replay-targets";
import { planDeadLetterBulkAction, runDeadLetterBulkBatchAction } from "../actions";

const count = new Intl.NumberFormat("en-US");
const letters = (n: number) => `${count.format(n)} dead letter${n === 1 ? "" : "s"}`;

type Run = {
  action: TDlqBulkAction;
  /** The filter the plan counted; a resumed run keeps it even if the page's filter changed since. */
  filter: TDeadLetterFilter;
  plan: DeadLetterBulkPlan;
  targetVersion: VersionOption | null;
  /** The last id handled; a resumed run carries on after it. */
  after: string | null;
  done: number;
  skipped: number;
  reasons: string[];
  status: "running" | "stopping" | "stopped" | "failed" | "finished";
  error?: string;
};

const VERB: Record<TDlqBulkAction, { doing: string; done: string; label: string }> = {
  replay: { doing: "Replaying", done: "queued for replay", label: "Replay" },
  discard: { doing: "Discarding", done: "discarded", label: "Discard" },
};

/**
 * Replay or discard every pending dead letter matching the list's search and filters, across all
 * pages. It asks the server how many match (as of now), states that count in the confirmation, then
 * drives batches and shows their progress. A stopped or failed run resumes where it stopped; the
 * server never takes a letter twice within one run (see lib/services/runs/dead-letter-bulk.ts).
 */
export function BulkByFilter({
  query,
  filterSummary,
  versions,
}: {
  query: TListQuery;
  /** The filter in words, e.g. "flow orders-sync, step deliver"; empty for the whole channel. */
  filterSummary: string;
  /** Versions of the filtered flow (empty without a flow filter): targets for a replay. */
  versions: VersionOption[];
}) {
  const [planning, setPlanning] = useState<TDlqBulkAction | null>(null);
  const [planned, setPlanned] = useState<{ action: TDlqBulkAction; plan: DeadLetterBulkPlan } | null>(null);
  const [targetChoice, setTargetChoice] = useState("");
  const [run, setRun] = useState<Run | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const stop = useRef(false);
  const filter = { q: query.q, filters: query.filters };
  const matching = filterSummary ? `matching ${filterSummary}` : "in the whole channel";
  const isBusy = run?.status === "running" || run?.status === "stopping";

  const targets = planned
    ? versions.filter(
        (v) => planned.plan.flowIds.length === 1 && v.version >= (planned.plan.maxFailedVersion ?? Infinity),
      )
    : [];
  const target = targets.find((t) => t.id === targetChoice) ?? null;

  const drive = async (start: Run) => {
    stop.current = false;
    let state: Run = { ...start, status: "running", error: undefined };
    setRun(state);
    for (;;) {
      if (stop.current) return setRun({ ...state, status: "stopped" });
      let r: ActionResult<DeadLetterBulkBatch>;
      try {
        r = await runDeadLetterBulkBatchAction({
          filter: state.filter,
          action: state.action,
          asOf: state.plan.asOf,
          after: state.after,
          targetVersionId: state.targetVersion?.id,
        });
      } catch {
        r = { ok: false, code: "INTERNAL", error: "The connection to the server was lost." };
      }
      if (!r.ok) return setRun({ ...state, status: "failed", error: r.error });
      state = {
        ...state,
        after: r.data.next,
        done: state.done + r.data.done,
        skipped: state.skipped + r.data.skipped,
        reasons: [...new Set([...state.reasons, ...r.data.reasons])],
      };
      if (r.data.next === null) return setRun({ ...state, status: "finished" });
      setRun({ ...state, status: stop.current ? "stopping" : "running" });
    }
  };

  const ask = async (action: TDlqBulkAction, open: () => void) => {
    setProblem(null);
    setPlanning(action);
    const r = await planDeadLetterBulkAction({ filter, action }).catch(() => null);
    setPlanning(null);
    if (!r || !r.ok) return setProblem(r?.error ?? "The connection to the server was lost.");
    if (r.data.total === 0) return setProblem(`No pending dead letters ${matching}.`);
    setPlanned({ action, plan: r.data });
    setTargetChoice("");
    open();
  };

  const confirm = () => {
    if (!planned) return;
    void drive({
      action: planned.action,
      filter,
      plan: planned.plan,
      targetVersion: planned.action === "replay" ? target : null,
      after: null,
      done: 0,
      skipped: 0,
      reasons: [],
      status: "running",
    });
  };

  // The loop checks between batches: the batch in flight completes (its transaction is all or nothing).
  const requestStop = () => {
    stop.current = true;
    setRun((r) => (r ? { ...r, status: "stopping" } : r));
  };

  const total = planned?.plan.total ?? 0;
  const title = planned
    ? `${VERB[planned.action].label} ${letters(total)} ${matching}?`
    : "Replay every dead letter that matches?";

  return (
    <div className="w-full space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {(["replay", "discard"] as const).map((action) => (
          <ConfirmDialog
            key={action}
            title={title}
            tone={action === "replay" ? "primary" : "danger"}
            confirmLabel={planned ? `${VERB[action].label} ${letters(total)}` : VERB[action].label}
            description={
              planned?.action === "replay" ? (
                <div className="space-y-3">
                  <p>
                    Every pending dead letter {matching} that exists now, on all pages, not only this one. Letters
                    arriving meanwhile are left for later. They replay in batches of 500; the audit log names you.
                  </p>
                  {targets.length > 0 && (
                    <label className="block">
                      <span className="mb-1 block font-medium text-slate-700">Replay to</span>
                      <Select value={target?.id ?? ""} onChange={(e) => setTargetChoice(e.target.value)}>
                        <option value="">The version each failed on</option>
                        {targets.map((t) => (
                          <option key={t.id} value={t.id}>
                            v{t.version}
                          </option>
                        ))}
                      </Select>
                    </label>
                  )}
                </div>
              ) : (
                <p>
                  Every pending dead letter {matching} that exists now, on all pages. Discarded messages are never
                  delivered; the records stay, marked discarded, and the audit log names you.
                </p>
              )
            }
            onConfirm={confirm}
            trigger={(open) => (
              <Button
                size="sm"
                variant={action === "replay" ? "secondary" : "ghost"}
                onClick={() => ask(action, open)}
                disabled={isBusy || planning !== null}
                aria-busy={planning === action}
              >
                {planning === action ? "Counting…" : `${VERB[action].label} all matching…`}
              </Button>
            )}
          />
        ))}
      </div>
      {problem && <Notice tone="warning">{problem}</Notice>}
      {run && (
        <Progress
          run={run}
          matching={matching}
          onStop={requestStop}
          onResume={() => drive(run)}
          onDismiss={() => setRun(null)}
        />
      )}
    </div>
  );
}

function Progress({
  run,
  matching,
  onStop,
  onResume,
  onDismiss,
}: {
  run: Run;
  matching: string;
  onStop: () => void;
  onResume: () => void;
  onDismiss: () => void;
}) {
  const verb = VERB[run.action];
  const handled = run.done + run.skipped;
  const total = run.plan.total;
  const skipped = run.skipped ? ` ${count.format(run.skipped)} skipped (${run.reasons.join(", ")}).` : "";
  const target = run.targetVersion ? ` on v${run.targetVersion.version}` : "";
  if (run.status === "running" || run.status === "stopping")
    return (
      <div role="status" aria-live="polite" className="space-y-1 rounded-md border border-indigo-200 bg-indigo-50 p-3">
        <div className="flex items-center justify-between gap-3 text-sm text-indigo-900">
          <span data-testid="bulk-progress">
            {verb.doing} {matching}
            {target}: {count.format(handled)} of {count.format(total)}
            {run.status === "stopping" ? " (stopping after this batch)" : "…"}
          </span>
          <Button size="sm" variant="secondary" onClick={onStop} disabled={run.status === "stopping"}>
            Stop
          </Button>
        </div>
        <progress className="h-2 w-full" max={total} value={Math.min(handled, total)} />
      </div>
    );
  // Letters someone else replayed or discarded before a batch reached them are neither done nor skipped.
  const gone = Math.max(0, total - handled);
  if (run.status === "finished")
    return (
      <Notice tone="success">
        <span data-testid="bulk-result">
          {count.format(run.done)} of {letters(total)} {verb.done}
          {target}.{skipped}
          {gone ? ` ${count.format(gone)} were no longer pending when their batch came.` : ""}
        </span>{" "}
        <button type="button" className="underline" onClick={onDismiss}>
          Dismiss
        </button>
      </Notice>
    );
  return (
    <Notice tone={run.status === "failed" ? "danger" : "warning"}>
      <span data-testid="bulk-result">
        {run.status === "failed" ? `Stopped by an error: ${run.error}` : "Stopped."} {count.format(run.done)} of{" "}
        {letters(total)} {verb.done} so far; what is done stays done.{skipped}
      </span>{" "}
      <span className="inline-flex gap-2">
        <button type="button" className="font-medium underline" onClick={onResume}>
          Resume
        </button>
        <button type="button" className="underline" onClick={onDismiss}>
          Dismiss
        </button>
      </span>
    </Notice>
  );
}
