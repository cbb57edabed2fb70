"use client";

import { useState } from "react";
import { Card, FormField, Input, Select, buttonClass } from "@/components/ui";

const iso = (d: Date) => d.toISOString().slice(0, 16);

/**
 * Downloads OpenLineage RunEvents (JSON lines) for a flow, an environment and a time range: one per
 * run up to 10,000 runs, else one per minute from the rollups (the file's header says which).
 */
export function ExportForm({
  flows,
  environments,
}: {
  flows: { id: string; name: string }[];
  environments: { key: string; name: string }[];
}) {
  const [now] = useState(() => new Date());
  const [flowId, setFlowId] = useState(flows[0]?.id ?? "");
  const [env, setEnv] = useState(environments[environments.length - 1]?.key ?? "");
  const [from, setFrom] = useState(iso(new Date(now.getTime() - 24 * 3_600_000)));
  const [to, setTo] = useState(iso(now));
  const [mode, setMode] = useState("auto");
  const href = `/api/quality/lineage/export?${new URLSearchParams({
    flowId,
    environment: env,
    from: `${from}:00Z`,
    to: `${to}:00Z`,
    mode,
  })}`;
  return (
    <Card
      title="Export as OpenLineage"
      description="RunEvents with the columnLineage facet, one JSON object per line, for Marquez, DataHub or OpenMetadata. Times are UTC."
    >
      {!flows.length ? (
        <p className="text-sm text-slate-500">Pick a system, interface or flow above to export its flows.</p>
      ) : (
        <div className="grid gap-3 md:grid-cols-5 md:items-end">
          <FormField id="ol-flow" label="Flow">
            {(a) => (
              <Select {...a} value={flowId} onChange={(e) => setFlowId(e.target.value)}>
                {flows.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id="ol-env" label="Environment">
            {(a) => (
              <Select {...a} value={env} onChange={(e) => setEnv(e.target.value)}>
                {environments.map((e) => (
                  <option key={e.key} value={e.key}>
                    {e.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <FormField id="ol-from" label="From (UTC)">
            {(a) => <Input {...a} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </FormField>
          <FormField id="ol-to" label="To (UTC)">
            {(a) => <Input {...a} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />}
          </FormField>
          <FormField id="ol-mode" label="Events">
            {(a) => (
              <Select {...a} value={mode} onChange={(e) => setMode(e.target.value)}>
                <option value="auto">Per run (per minute past 10,000)</option>
                <option value="runs">Per run</option>
                <option value="minutes">Per minute</option>
              </Select>
            )}
          </FormField>
          <a className={buttonClass("primary")} href={href} download>
            Download .jsonl
          </a>
        </div>
      )}
    </Card>
  );
}
