"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Button, ConfirmDialog, Notice, Select } from "@/components/ui";
import type { DeadLetterRow } from "@/lib/services/runs";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchDeadLetterSteps, searchFlows } from "../../../_lookups/search";
import { StateBadge } from "../../_components/state-badge";
import { bulkReplayTargets, type VersionOption } from "../../_lib/replay-targets";
import { discardDeadLettersAction, replayDeadLettersAction } from "../actions";
import { BulkByFilter } from "./bulk-by-filter";

type Option = { value: string; label: string };

export function DeadLettersTable({
  result,
  query,
  canReplay,
  versionsByFlow = {},
  flow,
  step,
  environments,
  filterSummary,
}: {
  result: ListResult<DeadLetterRow>;
  query: TListQuery;
  canReplay: boolean;
  /** Versions of the flows on this page, oldest first: targets for replaying to a newer version. */
  versionsByFlow?: Record<string, VersionOption[]>;
  /** The filters' current flow and failed step (both searched on the server). */
  flow: TLookupOption | null;
  step: TLookupOption | null;
  environments: Option[];
  /** The search and filters in words, for the bulk actions' confirmation. */
  filterSummary: string;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const pendingRows = result.rows.filter((r) => r.status === "pending");
  // Only rows still on this page count: a refresh may have replayed some meanwhile.
  const selectedRows = pendingRows.filter((r) => selected.has(r.id));
  const ids = selectedRows.map((r) => r.id);
  const [targetChoice, setTargetChoice] = useState("");
  const { flowIds: selectedFlows, targets } = bulkReplayTargets(selectedRows, versionsByFlow);
  // A choice the current selection no longer allows falls back to "the version each failed on".
  const target = targets.find((t) => t.id === targetChoice) ?? null;
  const latest = targets.at(-1);
  const failedVersions = [...new Set(selectedRows.map((r) => r.version))].sort((a, b) => a - b);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const summarize = (verb: string, r: Awaited<ReturnType<typeof replayDeadLettersAction>>) => {
    if (!r.ok) return setMessage({ tone: "danger", text: r.error });
    const skipped = r.data.skipped.length
      ? ` ${r.data.skipped.length} skipped (${[...new Set(r.data.skipped.map((s) => s.reason))].join(", ")}).`
      : "";
    setMessage({
      tone: "success",
      text: `${r.data.done.length} message${r.data.done.length === 1 ? "" : "s"} ${verb}.${skipped}`,
    });
    setSelected(new Set());
  };

  const replay = () =>
    startTransition(async () => {
      summarize("queued for replay", await replayDeadLettersAction({ ids }));
    });
  const replayToTarget = async () => {
    if (!target) return;
    const r = await replayDeadLettersAction({ ids, targetVersionId: target.id });
    summarize(`queued for replay on v${target.version}`, r);
    if (r.ok) setTargetChoice("");
    return r.ok ? undefined : r.error;
  };
  const count = `${ids.length} message${ids.length === 1 ? "" : "s"}`;
  const discard = async () => {
    const r = await discardDeadLettersAction({ ids });
    summarize("discarded", r);
    return r.ok ? undefined : r.error;
  };

  const columns: DataTableColumn<DeadLetterRow>[] = [
    ...(canReplay
      ? [
          {
            id: "select",
            header: "Select",
            cell: (d: DeadLetterRow) =>
              d.status === "pending" ? (
                <input
                  type="checkbox"
                  aria-label={`Select message ${d.messageId}`}
                  checked={selected.has(d.id)}
                  onChange={() => toggle(d.id)}
                  className="h-4 w-4"
                />
              ) : null,
          },
        ]
      : []),
    { id: "createdAt", header: "Failed at", sortable: true, cell: (d) => new Date(d.createdAt).toLocaleString() },
    {
      id: "flowName",
      header: "Flow",
      cell: (d) => (
        <Link href={`/flows/${d.flowId}`} className="text-indigo-700 hover:underline">
          {d.flowName} v{d.version} · {d.environmentKey}
        </Link>
      ),
    },
    { id: "failedStep", header: "Step", sortable: true },
    {
      id: "error",
      header: "Error",
      cell: (d) => (
        <Link
          href={`/flows/dlq/${d.id}`}
          className="block max-w-md truncate text-red-700 hover:underline"
          title={d.error}
        >
          {d.error}
        </Link>
      ),
    },
    { id: "status", header: "Status", sortable: true, cell: (d) => <StateBadge state={d.status} /> },
  ];

  const toolbar = canReplay ? (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setSelected(new Set(pendingRows.map((r) => r.id)))}
        disabled={!pendingRows.length}
      >
        Select page
      </Button>
      <label htmlFor="bulk-replay-target" className="text-sm text-slate-700">
        Replay to
      </label>
      {/* Sized by its box: the control is w-full, which a class on it cannot undo. */}
      <div className="w-56">
        <Select
          id="bulk-replay-target"
          value={target?.id ?? ""}
          onChange={(e) => setTargetChoice(e.target.value)}
          disabled={!targets.length}
          aria-describedby="bulk-replay-target-hint"
          className="py-1"
        >
          <option value="">Version each failed on</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              v{t.version}
              {t === latest ? " (latest)" : ""}
            </option>
          ))}
        </Select>
      </div>
      <ConfirmDialog
        title={target ? `Replay ${count} on v${target.version}?` : "Replay selected messages?"}
        description={
          target ? (
            <>
              {count} of <strong>{selectedRows[0]?.flowName}</strong> failed on{" "}
              {failedVersions.map((v) => `v${v}`).join(", ")}. They will run on v{target.version} in the environment
              each failed in; if v{target.version} is not deployed there, the engine runs it just for these replays. The
              audit log names you.
            </>
          ) : (
            ""
          )
        }
        confirmLabel={target ? `Replay on v${target.version}` : "Replay"}
        tone="primary"
        onConfirm={replayToTarget}
        trigger={(open) => (
          <Button size="sm" onClick={target ? open : replay} disabled={!ids.length || pending} aria-busy={pending}>
            Replay selected ({ids.length})
          </Button>
        )}
      />
      <ConfirmDialog
        title={`Discard ${ids.length} message${ids.length === 1 ? "" : "s"}?`}
        description="Discarded messages are never delivered. The record stays, marked discarded, and the audit log names you."
        confirmLabel="Discard"
        onConfirm={discard}
        trigger={(open) => (
          <Button size="sm" variant="danger" onClick={open} disabled={!ids.length}>
            Discard selected
          </Button>
        )}
      />
      <BulkByFilter
        query={query}
        filterSummary={filterSummary}
        versions={flow ? (versionsByFlow[flow.id] ?? []) : []}
      />
      <p id="bulk-replay-target-hint" className="w-full text-xs text-slate-500">
        {selectedFlows.length > 1
          ? `The selected messages come from ${selectedFlows.length} flows, so each replays on the version it failed on. Select messages of one flow (or filter by flow) to replay on a newer version.`
          : ids.length && !targets.length
            ? "No newer version of this flow exists; the messages replay on the version they failed on."
            : "Select messages of one flow to replay them on a newer version with a fix; by default each replays on the version it failed on."}
      </p>
    </div>
  ) : undefined;

  return (
    <div className="space-y-3">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <DataTable
        caption="Dead letters"
        columns={columns}
        result={result}
        query={query}
        getRowId={(d) => d.id}
        searchPlaceholder="Search error text, message or correlation id"
        filters={[
          { id: "flow", label: "Flow", type: "lookup", search: searchFlows, selected: flow, noun: "flow" },
          { id: "environment", label: "Environment", type: "select", options: environments },
          {
            id: "step",
            label: "Failed step",
            type: "lookup",
            search: searchDeadLetterSteps(flow?.id),
            selected: step,
            noun: "step",
          },
          {
            id: "status",
            label: "Status",
            type: "select",
            options: [
              { value: "pending", label: "Pending (default)" },
              { value: "replay_requested", label: "Replay requested" },
              { value: "replayed", label: "Replayed" },
              { value: "discarded", label: "Discarded" },
              { value: "all", label: "All" },
            ],
          },
          {
            id: "errorKind",
            label: "Error kind",
            type: "select",
            options: [
              { value: "permanent", label: "Permanent" },
              { value: "transient", label: "Transient" },
            ],
          },
        ]}
        emptyMessage="No dead letters match. Everything got through."
        toolbar={toolbar}
      />
    </div>
  );
}
