"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Card, ConfirmDialog } from "@/components/ui";
import type { TSourceRecordView } from "@/lib/services/quality/master";
import { unmergeSourceRecordsAction } from "../actions";
import { formatValue } from "./format-value";

/** The source records behind a golden record; a steward picks some and unmerges them to their own golden records. */
export function SourceRecords({
  goldenId,
  attributeNames,
  sources,
  canUnmerge,
}: {
  goldenId: string;
  attributeNames: string[];
  sources: TSourceRecordView[];
  canUnmerge: boolean;
}) {
  const router = useRouter();
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <Card
      title="Source records"
      className="mt-6"
      actions={
        canUnmerge ? (
          <ConfirmDialog
            title="Unmerge source records"
            description={`${picked.length} source record(s) leave this golden record and go back to their own golden records; both sides are recomputed and the changes published downstream. A merge from the queue reverses it.`}
            confirmLabel="Unmerge"
            onConfirm={async () => {
              const result = await unmergeSourceRecordsAction({ goldenId, sourceRecordIds: picked });
              if (!result.ok) return result.error;
              setPicked([]);
              router.refresh();
            }}
            trigger={(open) => (
              <Button variant="danger" size="sm" disabled={!picked.length} onClick={open}>
                Unmerge selected
              </Button>
            )}
          />
        ) : undefined
      }
    >
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              {canUnmerge && <th className="py-1.5 pr-3">Pick</th>}
              <th className="py-1.5 pr-3">System</th>
              <th className="py-1.5 pr-3">Id</th>
              {attributeNames.map((a) => (
                <th key={a} className="py-1.5 pr-3">
                  {a}
                </th>
              ))}
              <th className="py-1.5 pr-3">Observed</th>
              <th className="py-1.5 pr-3">Linked by</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                {canUnmerge && (
                  <td className="py-1.5 pr-3">
                    <input
                      type="checkbox"
                      aria-label={`Pick ${s.system} ${s.sourceId}`}
                      checked={picked.includes(s.id)}
                      onChange={() => toggle(s.id)}
                    />
                  </td>
                )}
                <td className="py-1.5 pr-3 font-medium">{s.system}</td>
                <td className="py-1.5 pr-3 font-mono text-xs">{s.sourceId}</td>
                {attributeNames.map((a) => (
                  <td key={a} className="py-1.5 pr-3">
                    {formatValue(s.attributes[a])}
                  </td>
                ))}
                <td className="py-1.5 pr-3 text-slate-600">{s.observedAt.slice(0, 16).replace("T", " ")}</td>
                <td className="py-1.5 pr-3 text-xs text-slate-600">
                  {s.matchRule} ({s.matchScore.toFixed(2)}) · {s.linkedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
