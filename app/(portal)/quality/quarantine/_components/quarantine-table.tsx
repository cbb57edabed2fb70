"use client";

import Link from "next/link";
import { useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Button, ConfirmDialog, Input, Notice } from "@/components/ui";
import type { QuarantineBatchResult, QuarantineBulkJobView, QuarantineRow } from "@/lib/services/quality/quarantine";
import type { ActionResult } from "@/lib/errors";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows } from "../../../_lookups/search";
import { rejectQuarantineAction, resubmitQuarantineAction } from "../actions";
import { BulkByFilter } from "./bulk-by-filter";
import { QuarantineStatusBadge } from "./status-badge";

const plural = (n: number) => `${n} entr${n === 1 ? "y" : "ies"}`;

export function QuarantineTable({
  result,
  query,
  canReview,
  flow,
  ruleSets,
  environments,
  filterSummary,
  runningJobs,
}: {
  result: ListResult<QuarantineRow>;
  query: TListQuery;
  canReview: boolean;
  flow: TLookupOption | null;
  ruleSets: string[];
  environments: string[];
  filterSummary: string;
  runningJobs: QuarantineBulkJobView[];
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const pendingRows = result.rows.filter((r) => r.status === "pending");
  const ids = pendingRows.filter((r) => selected.has(r.id)).map((r) => r.id);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const summarize = (verb: string, r: ActionResult<QuarantineBatchResult>) => {
    if (!r.ok) return r.error;
    const skipped = r.data.skipped.length ? ` ${r.data.skipped.length} skipped (no longer pending).` : "";
    setMessage({ tone: "success", text: `${plural(r.data.done.length)} ${verb}.${skipped}` });
    setSelected(new Set());
    setReason("");
  };

  const columns: DataTableColumn<QuarantineRow>[] = [
    ...(canReview
      ? [
          {
            id: "select",
            header: "Select",
            cell: (r: QuarantineRow) =>
              r.status === "pending" ? (
                <input
                  type="checkbox"
                  aria-label={`Select entry ${r.id}`}
                  checked={selected.has(r.id)}
                  onChange={() => toggle(r.id)}
                  className="h-4 w-4"
                />
              ) : null,
          },
        ]
      : []),
    { id: "createdAt", header: "Quarantined", sortable: true, cell: (r) => new Date(r.createdAt).toLocaleString() },
    {
      id: "flowName",
      header: "Flow",
      cell: (r) => (
        <span>
          {r.flowName} · {r.environmentKey}
        </span>
      ),
    },
    { id: "ruleSetKey", header: "Rule set", sortable: true },
    {
      id: "violations",
      header: "What failed",
      cell: (r) => (
        <Link href={`/quality/quarantine/${r.id}`} className="block max-w-md text-red-700 hover:underline">
          {r.violations
            .slice(0, 2)
            .map((v) => `${v.field}: ${v.message}`)
            .join("; ")}
          {r.violations.length > 2 ? ` (+${r.violations.length - 2})` : ""}
        </Link>
      ),
    },
    { id: "status", header: "Status", sortable: true, cell: (r) => <QuarantineStatusBadge status={r.status} /> },
  ];

  const toolbar = canReview ? (
    <div className="flex w-full flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setSelected(new Set(pendingRows.map((r) => r.id)))}
        disabled={!pendingRows.length}
      >
        Select page
      </Button>
      <ConfirmDialog
        title={`Resubmit ${plural(ids.length)}?`}
        description="Each re-enters its flow at the validate step that stopped it (with its fix, if one was saved) and is checked again; it reaches the target once. The audit log names you."
        confirmLabel="Resubmit"
        tone="primary"
        onConfirm={async () => summarize("queued for resubmission", await resubmitQuarantineAction({ ids }))}
        trigger={(open) => (
          <Button size="sm" onClick={open} disabled={!ids.length}>
            Resubmit selected ({ids.length})
          </Button>
        )}
      />
      <ConfirmDialog
        title={`Reject ${plural(ids.length)}?`}
        description={
          <label className="block space-y-1">
            <span>Rejected records never go downstream. Why?</span>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason for rejecting" />
          </label>
        }
        confirmLabel="Reject"
        onConfirm={async () => summarize("rejected", await rejectQuarantineAction({ ids, reason }))}
        trigger={(open) => (
          <Button size="sm" variant="danger" onClick={open} disabled={!ids.length}>
            Reject selected
          </Button>
        )}
      />
      <BulkByFilter query={query} filterSummary={filterSummary} runningJobs={runningJobs} />
    </div>
  ) : undefined;

  return (
    <div className="space-y-3">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <DataTable
        caption="Quarantined records"
        columns={columns}
        result={result}
        query={query}
        getRowId={(r) => r.id}
        searchPlaceholder="Search message or correlation id, rule set, rule or field"
        filters={[
          {
            id: "mine",
            label: "Owner",
            type: "select",
            options: [{ value: "1", label: "My data (I am the data owner)" }],
          },
          { id: "flow", label: "Flow", type: "lookup", search: searchFlows, selected: flow, noun: "flow" },
          {
            id: "environment",
            label: "Environment",
            type: "select",
            options: environments.map((e) => ({ value: e, label: e })),
          },
          { id: "ruleSet", label: "Rule set", type: "select", options: ruleSets.map((k) => ({ value: k, label: k })) },
          { id: "rule", label: "Rule id", type: "text" },
          { id: "field", label: "Field", type: "text" },
          {
            id: "status",
            label: "Status",
            type: "select",
            options: [
              { value: "pending", label: "Pending (default)" },
              { value: "resubmit_requested", label: "Resubmit requested" },
              { value: "resubmitted", label: "Resubmitted" },
              { value: "rejected", label: "Rejected" },
              { value: "all", label: "All" },
            ],
          },
          { id: "from", label: "From", type: "date" },
          { id: "to", label: "To", type: "date" },
        ]}
        emptyMessage="No quarantined records match. Everything passed its rules."
        toolbar={toolbar}
      />
    </div>
  );
}
