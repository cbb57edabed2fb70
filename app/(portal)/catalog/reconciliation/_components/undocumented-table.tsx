"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, ConfirmDialog, Notice } from "@/components/ui";
import type { TUndocumentedFlag } from "@/lib/services/catalog";
import { label } from "@/lib/validation/inventory";
import { formatCount, formatSeen } from "../../_lib/format";
import { documentPathAction } from "../../actions";
import { PlainTable } from "../../_components/plain-table";

type TRow = Omit<TUndocumentedFlag, "lastSeenAt"> & { lastSeenAt: string };

const REASONS: Record<TUndocumentedFlag["reason"], string> = {
  no_interface: "No interface between these systems",
  implemented_by_other_flows: "Their interfaces are implemented by other flows",
};

/**
 * Undocumented paths with "Add to inventory", which creates the interface after a confirmation. It says
 * when there are none itself, so the notice of the last one added stays after the list empties.
 */
export function UndocumentedTable({ rows, canAct }: { rows: TRow[]; canAct: boolean }) {
  const router = useRouter();
  const [added, setAdded] = useState<{ id: string; name: string; isFlowLinked: boolean } | null>(null);
  return (
    <div className="space-y-3">
      {added && (
        <Notice tone="success" title="Added to the inventory">
          Interface{" "}
          <Link href={`/inventory/interfaces/${added.id}`} className="font-medium underline">
            {added.name}
          </Link>{" "}
          created{added.isFlowLinked ? " and linked to its flow" : ""}.
        </Notice>
      )}
      {rows.length === 0 && (
        <p className="text-sm text-slate-500">
          Every observed path between two systems has its interface in the inventory.
        </p>
      )}
      <div className={rows.length ? "overflow-x-auto" : "hidden"}>
        <PlainTable
          caption="Undocumented dependencies"
          columns={[
            { label: "Path" },
            { label: "Through flow" },
            { label: "Why" },
            { label: "Messages", className: "text-right" },
            { label: "Last seen" },
            { label: "Action", isLabelHidden: true },
          ]}
        >
          {rows.map((r) => (
            <tr key={`${r.flowId}:${r.source.id}:${r.target.id}`}>
              <td className="px-3 py-2 font-medium text-slate-900">
                <Link href={`/catalog/system/${r.source.id}`} className="text-indigo-700 hover:underline">
                  {r.source.name}
                </Link>
                {" → "}
                <Link href={`/catalog/system/${r.target.id}`} className="text-indigo-700 hover:underline">
                  {r.target.name}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Link href={`/catalog/flow/${r.flowId}`} className="text-indigo-700 hover:underline">
                  {r.flowName}
                </Link>
              </td>
              <td className="px-3 py-2 text-slate-600">{REASONS[r.reason]}</td>
              <td className="px-3 py-2 text-right">{formatCount(r.messages)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatSeen(r.lastSeenAt)}</td>
              <td className="px-3 py-2 text-right">
                {canAct && (
                  <ConfirmDialog
                    title="Add this interface to the inventory?"
                    tone="primary"
                    confirmLabel="Add to inventory"
                    description={
                      <div className="space-y-2">
                        <p>
                          A new interface <strong>{r.suggestion.name}</strong> from <strong>{r.source.name}</strong> to{" "}
                          <strong>{r.target.name}</strong>, as the traffic shows it:
                        </p>
                        <ul className="list-disc pl-5">
                          <li>Mechanism: {label(r.suggestion.mechanism)}</li>
                          <li>Payload format: {label(r.suggestion.payloadFormat)}</li>
                          <li>Frequency: {label(r.suggestion.frequency)}</li>
                          <li>Volume: {formatCount(r.suggestion.volumePerMonth)} a month (observed rate)</li>
                        </ul>
                        <p>The flow {r.flowName} is linked to it if it implements no interface yet.</p>
                      </div>
                    }
                    onConfirm={async () => {
                      const result = await documentPathAction({
                        flowId: r.flowId,
                        sourceSystemId: r.source.id,
                        targetSystemId: r.target.id,
                        name: "",
                      });
                      if (!result.ok) return result.error;
                      setAdded({
                        id: result.data.interfaceId,
                        name: result.data.interfaceName,
                        isFlowLinked: result.data.isFlowLinked,
                      });
                      router.refresh();
                    }}
                    trigger={(open) => (
                      <Button
                        variant="secondary"
                        onClick={open}
                        aria-label={`Add ${r.source.name} to ${r.target.name} through ${r.flowName} to the inventory`}
                      >
                        Add to inventory
                      </Button>
                    )}
                  />
                )}
              </td>
            </tr>
          ))}
        </PlainTable>
      </div>
    </div>
  );
}
