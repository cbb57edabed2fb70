"use client";

import { BarChartCard } from "@/components/charts";
import { Badge, Notice, Stat } from "@/components/ui";
import type { TImpactPreview } from "@/lib/services/quality/rules";

/** How many sampled records the draft fails against the current version, and which (record, rule, field, value). */
export function ImpactPreview({ preview: p }: { preview: TImpactPreview }) {
  if (!p.sampled)
    return (
      <div className="mt-4">
        <Notice tone="info">
          No records sampled in {p.environmentKey} yet: the preview needs records a validate_rules step has checked
          there.
        </Notice>
      </div>
    );
  const chart = [
    { name: p.current ? `current v${p.current.version}` : "current", failing: p.current?.failing ?? 0 },
    { name: "draft", failing: p.draftFailing },
  ];
  return (
    <div className="mt-4 space-y-4" data-testid="impact-preview">
      <div className="grid gap-3 md:grid-cols-4">
        <Stat label="Records replayed" value={p.sampled.toLocaleString("en")} hint={`latest in ${p.environmentKey}`} />
        <Stat
          label="Would fail (draft)"
          value={p.draftFailing.toLocaleString("en")}
          hint={`${((p.draftFailing / p.sampled) * 100).toFixed(1)}% quarantined`}
        />
        <Stat
          label={p.current ? `Fail now (v${p.current.version})` : "Fail now"}
          value={p.current ? p.current.failing.toLocaleString("en") : "—"}
          hint={p.current ? undefined : "no version yet"}
        />
        <Stat label="Newly failing / passing" value={`+${p.newlyFailing} / −${p.newlyPassing}`} />
      </div>
      <BarChartCard
        title="Records failing"
        description="Error violations quarantine a record; the draft beside the version enforced now."
        data={chart}
        categoryKey="name"
        categoryLabel="Version"
        series={[{ key: "failing", label: "records failing" }]}
        layout="vertical"
        height={160}
      />
      {p.unchecked.length > 0 && (
        <Notice tone="warning">
          Not previewed (master-data lookups, checked by the engine): {p.unchecked.join(", ")}.
        </Notice>
      )}
      {p.rows.length ? (
        <table className="w-full text-left text-sm" aria-label="Violations in the draft">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1 pr-3">Record seen</th>
              <th className="py-1 pr-3">Rule</th>
              <th className="py-1 pr-3">Field</th>
              <th className="py-1 pr-3">Value</th>
              <th className="py-1 pr-3">Message</th>
              <th className="py-1">Change</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {p.rows.map((r, i) => (
              <tr key={`${r.sampleId}-${r.ruleId}-${r.field}-${i}`}>
                <td className="py-1 pr-3 font-mono text-xs">
                  #{r.sampleId} · {r.seenAt.slice(0, 19).replace("T", " ")}
                </td>
                <td className="py-1 pr-3 font-mono text-xs">{r.ruleId}</td>
                <td className="py-1 pr-3 font-mono text-xs">{r.field}</td>
                <td className="py-1 pr-3 font-mono text-xs">{r.value}</td>
                <td className="py-1 pr-3">{r.message}</td>
                <td className="py-1">
                  {r.severity === "warning" ? (
                    <Badge tone="warning">warning</Badge>
                  ) : r.failsCurrent ? (
                    <Badge>fails now too</Badge>
                  ) : (
                    <Badge tone="danger">newly failing</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Notice tone="success">No sampled record breaks the draft.</Notice>
      )}
      {p.isTruncated && <p className="text-xs text-slate-500">Showing the first {p.rows.length} violations.</p>}
    </div>
  );
}
