"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { Badge, Button, Notice } from "@/components/ui";
import { LEVELS, TAGS } from "@/lib/quality/privacy/classification";
import type { TClassificationRow } from "@/lib/services/quality/privacy/classifications";
import type { ListResult, TListQuery } from "@/lib/validation/list";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlows } from "../../../_lookups/search";
import { decideSuggestionAction } from "../actions";
import { formatTime, LEVEL_LABELS, LEVEL_TONES } from "./vocabulary";

const STATUS_TONES = { suggested: "info", confirmed: "success", dismissed: "neutral" } as const;

export function ClassificationsTable({
  result,
  query,
  flow,
  canClassify,
}: {
  result: ListResult<TClassificationRow>;
  query: TListQuery;
  flow: TLookupOption | null;
  canClassify: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const decide = (row: TClassificationRow, decision: "confirm" | "dismiss") =>
    startTransition(async () => {
      const res = await decideSuggestionAction({ id: row.id, decision });
      setMessage(
        res.ok
          ? {
              tone: "success",
              text:
                decision === "confirm"
                  ? `${row.fieldPath} in ${row.scopeName} is confirmed ${row.level}; masking applies from the engine's next messages.`
                  : `${row.fieldPath} in ${row.scopeName} is dismissed and will not be suggested again.`,
            }
          : { tone: "danger", text: res.error },
      );
      if (res.ok) router.refresh();
    });

  const columns: DataTableColumn<TClassificationRow>[] = [
    {
      id: "fieldPath",
      header: "Field",
      sortable: true,
      cell: (r) => <span className="font-mono text-xs text-slate-900">{r.fieldPath}</span>,
    },
    {
      id: "scopeName",
      header: "Scope",
      sortable: true,
      cell: (r) => (
        <span>
          <span className="text-xs uppercase text-slate-500">{r.scopeKind}</span> {r.scopeName}
        </span>
      ),
    },
    {
      id: "level",
      header: "Level",
      sortable: true,
      cell: (r) => <Badge tone={LEVEL_TONES[r.level]}>{LEVEL_LABELS[r.level]}</Badge>,
    },
    {
      id: "tags",
      header: "Tags",
      cell: (r) =>
        r.tags.length ? (
          <ul className="flex flex-wrap gap-1">
            {r.tags.map((t) => (
              <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                {t}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
    {
      id: "status",
      header: "Status",
      cell: (r) => (
        <div className="space-y-0.5">
          <Badge tone={STATUS_TONES[r.status]}>{r.status}</Badge>
          {r.status === "suggested" ? (
            <p className="text-xs text-slate-500">
              {r.confidence !== null ? `${Math.round(r.confidence * 100)}% · ` : ""}
              {r.reason}
            </p>
          ) : (
            r.decidedBy && (
              <p className="text-xs text-slate-500">
                {r.decidedBy}
                {r.decidedAt ? ` · ${formatTime(r.decidedAt)}` : ""}
              </p>
            )
          )}
        </div>
      ),
    },
    { id: "updatedAt", header: "Updated", sortable: true, cell: (r) => formatTime(r.updatedAt) },
    ...(canClassify
      ? [
          {
            id: "decide",
            header: "Decide",
            cell: (r: TClassificationRow) =>
              r.status === "suggested" ? (
                <div className="flex gap-1">
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    onClick={() => decide(r, "confirm")}
                    aria-label={`Confirm ${r.fieldPath} in ${r.scopeName}`}
                  >
                    Confirm
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    onClick={() => decide(r, "dismiss")}
                    aria-label={`Dismiss ${r.fieldPath} in ${r.scopeName}`}
                  >
                    Dismiss
                  </Button>
                </div>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div className="space-y-3">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <DataTable
        caption="Classified fields"
        columns={columns}
        result={result}
        query={query}
        getRowId={(r) => r.id}
        searchPlaceholder="Search field path or scope"
        filters={[
          {
            id: "status",
            label: "Status",
            type: "select",
            options: [
              { value: "suggested", label: "Suggested" },
              { value: "confirmed", label: "Confirmed" },
              { value: "dismissed", label: "Dismissed" },
              { value: "all", label: "All, with dismissed" },
            ],
          },
          {
            id: "level",
            label: "Level",
            type: "select",
            options: LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
          },
          { id: "tag", label: "Tag", type: "select", options: TAGS.map((t) => ({ value: t, label: t })) },
          {
            id: "scope",
            label: "Scope",
            type: "select",
            options: [
              { value: "flow", label: "Flow" },
              { value: "interface", label: "Interface" },
              { value: "system", label: "System" },
            ],
          },
          { id: "flow", label: "Flow", type: "lookup", search: searchFlows, selected: flow, noun: "flow" },
        ]}
        emptyMessage="No classified fields match. Clear the search or the filters."
      />
    </div>
  );
}
