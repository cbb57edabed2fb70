"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge, Button, ConfirmDialog, Notice, type Tone } from "@/components/ui";
import type { AlertRow } from "@/lib/services/alerts";
import type { TAlertStatus } from "@/lib/validation/alerts";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows } from "../../../_lookups/search";
import { acknowledgeAlertsAction, resolveAlertAction } from "../actions";

const SEVERITY_TONE: Record<AlertRow["severity"], Tone> = { critical: "danger", warning: "warning", info: "info" };

/** Engine alert kinds in words; an unknown kind shows as raised. */
const KIND_LABELS: Record<string, string> = { dlq_growth: "Dead letters growing" };

const EMPTY: Record<TAlertStatus, string> = {
  open: "No open alerts match. The engine raises one when a flow's dead letters reach the alert threshold.",
  acknowledged: "No acknowledged alerts match.",
  resolved: "No resolved alerts match.",
};

const when = (iso: string) => new Date(iso).toLocaleString();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function AlertsTable({
  result,
  query,
  status,
  canOperate,
  flow,
}: {
  result: ListResult<AlertRow>;
  query: TListQuery;
  status: TAlertStatus;
  canOperate: boolean;
  /** The flow filter's current value (searched on the server). */
  flow: TLookupOption | null;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const openRows = result.rows.filter((r) => r.status === "open");
  // Only rows still on this page and still open count: a refresh may have changed some meanwhile.
  const ids = openRows.filter((r) => selected.has(r.id)).map((r) => r.id);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const acknowledge = async (which: string[]): Promise<string | undefined> => {
    const r = await acknowledgeAlertsAction({ ids: which });
    if (!r.ok) {
      setMessage({ tone: "danger", text: r.error });
      return r.error;
    }
    const skipped = r.data.skipped.length
      ? ` ${r.data.skipped.length} skipped (${[...new Set(r.data.skipped.map((s) => s.reason))].join(", ")}).`
      : "";
    setMessage({ tone: "success", text: `${plural(r.data.done.length, "alert")} acknowledged.${skipped}` });
    setSelected(new Set());
  };
  const resolve = async (row: AlertRow): Promise<string | undefined> => {
    const r = await resolveAlertAction({ id: row.id });
    if (!r.ok) return r.error;
    setMessage({ tone: "success", text: `Alert on ${row.flowName ?? row.kind} resolved.` });
  };

  const columns: DataTableColumn<AlertRow>[] = [
    ...(canOperate && status === "open"
      ? [
          {
            id: "select",
            header: "Select",
            cell: (a: AlertRow) => (
              <input
                type="checkbox"
                aria-label={`Select alert on ${a.flowName ?? a.kind}, raised ${when(a.createdAt)}`}
                checked={selected.has(a.id)}
                onChange={() => toggle(a.id)}
                className="h-4 w-4"
              />
            ),
          },
        ]
      : []),
    { id: "createdAt", header: "Raised", sortable: true, cell: (a) => when(a.createdAt) },
    {
      id: "severity",
      header: "Severity",
      sortable: true,
      cell: (a) => <Badge tone={SEVERITY_TONE[a.severity]}>{a.severity}</Badge>,
    },
    {
      id: "kind",
      header: "Alert",
      sortable: true,
      cell: (a) => (
        <div className="max-w-xl">
          <p className="font-medium text-slate-900">{KIND_LABELS[a.kind] ?? a.kind}</p>
          <p className="text-xs text-slate-600">{a.message}</p>
        </div>
      ),
    },
    {
      id: "flow",
      header: "Flow",
      cell: (a) =>
        a.flowId ? (
          <Link href={`/flows/${a.flowId}`} className="whitespace-nowrap text-indigo-700 hover:underline">
            {a.flowName}
            {a.environmentKey ? ` · ${a.environmentKey}` : ""}
          </Link>
        ) : (
          <span className="text-xs text-slate-500">—</span>
        ),
    },
    { id: "state", header: "State", cell: (a) => <AlertState alert={a} /> },
    ...(canOperate && status !== "resolved"
      ? [
          {
            id: "actions",
            header: "Actions",
            cell: (a: AlertRow) => (
              <div className="flex flex-wrap items-center gap-2">
                {a.status === "open" && (
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    onClick={() =>
                      startTransition(async () => {
                        await acknowledge([a.id]);
                      })
                    }
                  >
                    Acknowledge
                  </Button>
                )}
                {a.resolveBlockedBy ? (
                  <span className="max-w-48 text-xs text-slate-500" title={a.resolveBlockedBy}>
                    Resolves when the dead letters drop below the threshold
                  </span>
                ) : (
                  <ConfirmDialog
                    title="Resolve this alert?"
                    description="Resolving closes the alert. If the condition comes back, the engine raises a new one. The audit log names you."
                    confirmLabel="Resolve"
                    tone="primary"
                    onConfirm={() => resolve(a)}
                    trigger={(open) => (
                      <Button size="sm" variant="ghost" onClick={open}>
                        Resolve
                      </Button>
                    )}
                  />
                )}
              </div>
            ),
          },
        ]
      : []),
  ];

  const toolbar =
    canOperate && status === "open" ? (
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setSelected(new Set(openRows.map((r) => r.id)))}
          disabled={!openRows.length}
        >
          Select page
        </Button>
        <ConfirmDialog
          title={`Acknowledge ${plural(ids.length, "alert")}?`}
          description="Acknowledged alerts move to the Acknowledged tab with your name. The engine raises no new alert for the same condition while they stay acknowledged, and resolves them when the condition clears."
          confirmLabel="Acknowledge"
          tone="primary"
          onConfirm={() => acknowledge(ids)}
          trigger={(open) => (
            <Button size="sm" onClick={open} disabled={!ids.length || pending}>
              Acknowledge selected ({ids.length})
            </Button>
          )}
        />
      </div>
    ) : undefined;

  return (
    <div className="space-y-3">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <DataTable
        caption="Alerts"
        columns={columns}
        result={result}
        query={query}
        getRowId={(a) => a.id}
        searchPlaceholder="Search message, kind or flow"
        filters={[
          {
            id: "severity",
            label: "Severity",
            type: "select",
            options: [
              { value: "critical", label: "Critical" },
              { value: "warning", label: "Warning" },
              { value: "info", label: "Info" },
            ],
          },
          { id: "flow", label: "Flow", type: "lookup", search: searchFlows, selected: flow, noun: "flow" },
        ]}
        emptyMessage={EMPTY[status]}
        toolbar={toolbar}
      />
    </div>
  );
}

function AlertState({ alert: a }: { alert: AlertRow }) {
  const waiting = a.deadLetters ? (
    <p className="text-xs text-slate-600">
      {plural(a.deadLetters.waiting, "dead letter")} waiting now (threshold {a.deadLetters.threshold})
    </p>
  ) : null;
  if (a.status === "resolved")
    return <span className="text-xs text-slate-600">Resolved {a.resolvedAt ? when(a.resolvedAt) : ""}</span>;
  if (a.status === "acknowledged")
    return (
      <div>
        <p className="text-xs text-slate-700">
          Acknowledged by {a.acknowledgedBy}
          {a.acknowledgedAt ? `, ${when(a.acknowledgedAt)}` : ""}
        </p>
        {waiting}
      </div>
    );
  return (
    <div>
      <p className="text-xs font-medium text-amber-800">Open</p>
      {waiting}
    </div>
  );
}
