"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Badge, Button, ConfirmDialog, Notice } from "@/components/ui";
import type { LiveView } from "@/lib/services/prioritization/workshops";
import { lockWorkshopAction } from "../actions";

const POLL_MS = 2500;

function fmt(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

export function LiveBoard({ initial }: { initial: LiveView }) {
  const [view, setView] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  const isOpen = view.status === "open";

  useEffect(() => {
    if (!isOpen) return;
    let cancelled = false;
    const tick = async () => {
      try {
        const res = await fetch(`/workshops/${view.id}/live/data`, { cache: "no-store" });
        const body = (await res.json()) as LiveView | { detail: string };
        if (cancelled) return;
        if (!res.ok || "detail" in body)
          setPollError("detail" in body ? body.detail : `Refresh failed (${res.status}).`);
        else {
          setView(body);
          setPollError(null);
          setUpdatedAt(new Date());
        }
      } catch {
        if (!cancelled) setPollError("Cannot reach the server; retrying.");
      }
    };
    const timer = setInterval(tick, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [isOpen, view.id]);

  const lock = async () => {
    const result = await lockWorkshopAction({ sessionId: view.id });
    if (!result.ok) return result.error;
    const res = await fetch(`/workshops/${view.id}/live/data`, { cache: "no-store" });
    if (res.ok) setView((await res.json()) as LiveView);
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={isOpen ? "info" : "neutral"}>{view.status}</Badge>
        <span className="text-sm text-slate-600" data-testid="score-count">
          {view.scoreCount} score(s) received
        </span>
        {isOpen && (
          <span className="text-xs text-slate-500" aria-live="off">
            Updates every {POLL_MS / 1000} s · last {updatedAt.toLocaleTimeString()}
          </span>
        )}
        {isOpen && (
          <ConfirmDialog
            title="Lock this session?"
            description="Participants can no longer change scores. The current result is stored as a dated snapshot that the matrix and waves use."
            confirmLabel="Lock session"
            tone="primary"
            onConfirm={lock}
            trigger={(open) => (
              <Button onClick={open} className="ml-auto">
                Lock session
              </Button>
            )}
          />
        )}
      </div>
      {pollError && <Notice tone="warning">{pollError}</Notice>}
      {!isOpen && (
        <Notice tone="success" title={`Locked on ${new Date(view.lockedAt!).toLocaleString()}`}>
          The snapshot feeds the{" "}
          <Link href="/matrix" className="underline">
            prioritization matrix
          </Link>{" "}
          and the{" "}
          <Link href="/matrix/waves" className="underline">
            waves
          </Link>
          .
        </Notice>
      )}

      <section aria-label="Participants">
        <h2 className="mb-2 text-sm font-semibold text-slate-900">Participants</h2>
        <ul className="flex flex-wrap gap-2">
          {view.participants.map((p) => (
            <li
              key={p.id}
              className="rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm"
              data-testid={`participant-${p.name}`}
            >
              {p.name}: {p.scored}/{p.expected}
            </li>
          ))}
        </ul>
      </section>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="live-aggregate">
          <caption className="sr-only">Aggregate scores per candidate</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">
                Rank
              </th>
              <th scope="col" className="px-3 py-2">
                Candidate
              </th>
              <th scope="col" className="px-3 py-2">
                Weighted score
              </th>
              <th scope="col" className="px-3 py-2">
                Spread of totals
              </th>
              {view.criteria.map((c) => (
                <th key={c.key} scope="col" className="px-3 py-2">
                  {c.label}
                  <span className="block font-normal normal-case text-slate-400">
                    weight {c.weight}
                    {c.isInverted ? ", inverted" : ""}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.candidates.map((a) => (
              <tr
                key={a.candidateId}
                className={a.isDisagreement ? "bg-amber-50" : undefined}
                data-testid={`agg-${a.name}`}
              >
                <td className="px-3 py-2 tabular-nums">{a.rank ?? "—"}</td>
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                  {a.name}
                  {a.isDisagreement && (
                    <span className="ml-2">
                      <Badge tone="warning">Disagreement</Badge>
                    </span>
                  )}
                  <span className="block text-xs font-normal text-slate-500">{a.participants} participant(s)</span>
                </th>
                <td className="px-3 py-2 text-base font-semibold tabular-nums" data-testid="weighted-score">
                  {fmt(a.weightedScore)}
                </td>
                <td className="px-3 py-2 text-xs tabular-nums text-slate-600">
                  {a.participantTotals
                    ? `median ${fmt(a.participantTotals.median)} · σ ${fmt(a.participantTotals.stdev)} · ${fmt(a.participantTotals.min)}–${fmt(a.participantTotals.max)}`
                    : "—"}
                </td>
                {view.criteria.map((c) => {
                  const s = a.criteria.find((x) => x.criterionKey === c.key);
                  return (
                    <td
                      key={c.key}
                      className={s?.isDisagreement ? "px-3 py-2 font-medium text-amber-900" : "px-3 py-2"}
                    >
                      {s ? (
                        <>
                          <span className="tabular-nums">{fmt(s.mean)}</span>
                          <span className="block text-xs text-slate-500">
                            σ {fmt(s.stdev)} · {s.min}–{s.max} · n={s.n}
                          </span>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
