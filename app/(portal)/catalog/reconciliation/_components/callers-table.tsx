"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, ConfirmDialog, Select } from "@/components/ui";
import type { TUnidentifiedCaller } from "@/lib/services/catalog";
import { formatCount, formatSeen } from "../../_lib/format";
import { assignCallerAction } from "../../actions";
import { PlainTable } from "../../_components/plain-table";

type TRow = Omit<TUnidentifiedCaller, "lastSeenAt"> & { lastSeenAt: string };

function AssignCaller({ caller, systems }: { caller: string; systems: { id: string; name: string }[] }) {
  const router = useRouter();
  const [systemId, setSystemId] = useState("");
  const chosen = systems.find((s) => s.id === systemId);
  const selectId = `assign-${caller}`;
  return (
    <div className="flex items-center justify-end gap-2">
      <label htmlFor={selectId} className="sr-only">
        System that calls as {caller}
      </label>
      <Select id={selectId} value={systemId} onChange={(e) => setSystemId(e.target.value)} className="w-56">
        <option value="">Choose a system…</option>
        {systems.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      <ConfirmDialog
        title="Assign this caller?"
        tone="primary"
        confirmLabel="Assign to system"
        description={
          <p>
            Calls identified as <strong>{caller}</strong> will count as <strong>{chosen?.name}</strong>: its callers
            list gains this identity, and the catalog shows these calls as that system&apos;s dependency.
          </p>
        }
        onConfirm={async () => {
          const result = await assignCallerAction({ caller, systemId });
          if (!result.ok) return result.error;
          router.refresh();
        }}
        trigger={(open) => (
          <Button variant="secondary" onClick={open} disabled={!systemId}>
            Assign to system
          </Button>
        )}
      />
    </div>
  );
}

/** Caller identities no system declares, with "Assign to system". */
export function CallersTable({
  rows,
  systems,
  canAct,
}: {
  rows: TRow[];
  systems: { id: string; name: string }[];
  canAct: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <PlainTable
        caption="Unidentified callers"
        columns={[
          { label: "Caller" },
          { label: "Calls" },
          { label: "Messages", className: "text-right" },
          { label: "Last seen" },
          { label: "Action", isLabelHidden: true },
        ]}
      >
        {rows.map((r) => (
          <tr key={r.caller}>
            <td className="px-3 py-2 font-mono text-xs text-slate-900">{r.caller}</td>
            <td className="px-3 py-2">
              {r.flows.map((f, i) => (
                <span key={`${f.id}:${f.endpoint}`}>
                  {i > 0 && ", "}
                  <Link href={`/catalog/flow/${f.id}`} className="text-indigo-700 hover:underline">
                    {f.name}
                  </Link>
                </span>
              ))}
              {r.environments.length > 0 && <span className="text-slate-500"> ({r.environments.join(", ")})</span>}
            </td>
            <td className="px-3 py-2 text-right">{formatCount(r.messages)}</td>
            <td className="px-3 py-2 whitespace-nowrap">{formatSeen(r.lastSeenAt)}</td>
            <td className="px-3 py-2">{canAct && <AssignCaller caller={r.caller} systems={systems} />}</td>
          </tr>
        ))}
      </PlainTable>
    </div>
  );
}
