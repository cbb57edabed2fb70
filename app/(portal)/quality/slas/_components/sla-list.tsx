"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge, Button, Card, EmptyState } from "@/components/ui";
import type { SlaRow } from "@/lib/services/quality/slas";
import { SlaForm, type SlaFormOptions } from "./sla-form";

const objectives = (s: SlaRow) =>
  [
    s.freshnessMaxAgeMinutes !== null && `fresh within ${s.freshnessMaxAgeMinutes} min`,
    s.accuracyTargetPct !== null && `accuracy ≥ ${s.accuracyTargetPct}%`,
  ]
    .filter(Boolean)
    .join(", ");

function lastReading(s: SlaRow) {
  const l = s.lastSample;
  if (!l) return "not sampled yet";
  const age =
    l.freshnessAgeSeconds === null
      ? "no delivery seen"
      : `last delivery ${Math.round(l.freshnessAgeSeconds / 60)} min ago`;
  const acc = l.accuracyPct === null ? "no records" : `accuracy ${l.accuracyPct}%`;
  return `${age}, ${acc} (${l.at.slice(11, 16)} UTC)`;
}

/** Each SLA with its objectives, last sample and error budget; create and edit forms for managers. */
export function SlaList({
  slas,
  options,
  canManage,
  chartSla,
}: {
  slas: SlaRow[];
  options: SlaFormOptions;
  canManage: boolean;
  chartSla: string | null;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title="Service levels"
      description="Error budget: the share of the period's samples that may miss, and how much of it is left."
      actions={
        canManage && !creating ? (
          <Button type="button" onClick={() => setCreating(true)}>
            New SLA
          </Button>
        ) : undefined
      }
    >
      {creating && (
        <div className="mb-4 rounded-md border border-slate-200 p-4">
          <SlaForm options={options} onDone={() => setCreating(false)} />
        </div>
      )}
      {!slas.length ? (
        <EmptyState
          title="No SLAs yet"
          description={
            canManage
              ? "Create one for an interface with New SLA."
              : "A data owner or integration engineer defines them."
          }
        />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="SLAs">
          {slas.map((s) => (
            <li key={s.id} className="py-3">
              <div className="flex flex-wrap items-center gap-3">
                <div className="min-w-64 flex-1">
                  <p className="font-medium text-slate-900">
                    {s.name}{" "}
                    {s.openBreaches > 0 ? (
                      <Badge tone="danger">in breach</Badge>
                    ) : s.lastSample ? (
                      <Badge tone="success">met</Badge>
                    ) : (
                      <Badge>no samples</Badge>
                    )}
                    {!s.enabled && <Badge tone="warning">paused</Badge>}
                  </p>
                  <p className="text-xs text-slate-500">
                    {s.interfaceName} · {s.environmentKey} · {objectives(s)}
                  </p>
                  <p className="text-xs text-slate-500">{lastReading(s)}</p>
                </div>
                <div className="w-64" aria-label={`Error budget of ${s.name}`}>
                  <div className="flex justify-between text-xs text-slate-600">
                    <span>Error budget ({s.budgetPeriodDays} d)</span>
                    <span>{s.budget.exhausted ? "exhausted" : `${s.budget.remainingPct}% left`}</span>
                  </div>
                  <div
                    className="mt-1 h-2 rounded bg-slate-100"
                    role="meter"
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={s.budget.remainingPct}
                    aria-label="Error budget remaining"
                  >
                    <div
                      className={`h-2 rounded ${s.budget.remainingPct > 50 ? "bg-emerald-500" : s.budget.remainingPct > 0 ? "bg-amber-500" : "bg-red-500"}`}
                      style={{ width: `${s.budget.remainingPct}%` }}
                    />
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {s.budget.misses} of {s.budget.allowedMisses} allowed misses · compliance{" "}
                    {s.budget.compliancePct === null ? "n/a" : `${s.budget.compliancePct}%`} (target {s.compliancePct}%)
                  </p>
                </div>
                <div className="flex gap-2">
                  <Link
                    className="text-sm text-indigo-700 underline"
                    href={chartSla === s.id ? "/quality/slas" : `/quality/slas?sla=${s.id}`}
                  >
                    {chartSla === s.id ? "Chart all" : "Chart"}
                  </Link>
                  <Link className="text-sm text-indigo-700 underline" href={`/quality/slas?f.sla=${s.id}`}>
                    Breaches
                  </Link>
                  {canManage && (
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() => setEditing(editing === s.id ? null : s.id)}
                    >
                      {editing === s.id ? "Close" : "Edit"}
                    </Button>
                  )}
                </div>
              </div>
              {editing === s.id && (
                <div className="mt-3 rounded-md border border-slate-200 p-4">
                  <SlaForm sla={s} options={options} onDone={() => setEditing(null)} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
