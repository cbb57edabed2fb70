"use client";

import { useRouter } from "next/navigation";
import { Button, ConfirmDialog } from "@/components/ui";
import { applyObservedFiguresAction } from "../actions";

type TFigures = { volumePerMonth: number; errorRatePct: number };

const volume = (n: number) => `${n.toLocaleString("en-US")} per month`;
const rate = (n: number) => `${n.toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;

/** Offers the observed figures as the process's new inventory figures, showing old → new before writing. */
export function ApplyObservedFiguresButton({
  processId,
  processName,
  current,
  observed,
}: {
  processId: string;
  processName: string;
  current: TFigures;
  observed: TFigures;
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title="Apply observed figures?"
      tone="primary"
      confirmLabel="Apply"
      description={
        <>
          <p>The inventory figures of “{processName}” become what production shows:</p>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="observed-change">
            <dt className="font-medium text-slate-700">Volume</dt>
            <dd>
              {volume(current.volumePerMonth)} → <strong>{volume(observed.volumePerMonth)}</strong>
            </dd>
            <dt className="font-medium text-slate-700">Error rate</dt>
            <dd>
              {rate(current.errorRatePct)} → <strong>{rate(observed.errorRatePct)}</strong>
            </dd>
          </dl>
          <p className="mt-3">
            Candidates using inventory inputs recompute their ROI from these. The audit log records the change.
          </p>
        </>
      }
      trigger={(open) => (
        <Button variant="primary" onClick={open} className="whitespace-nowrap">
          Apply observed figures
        </Button>
      )}
      onConfirm={async () => {
        const result = await applyObservedFiguresAction({ processId, ...observed });
        if (!result.ok) return result.error;
        router.refresh();
      }}
    />
  );
}
