"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, ConfirmDialog } from "@/components/ui";
import { rollbackEnvironmentAction } from "../actions";

/**
 * Returns the environment to its last good version. The confirmation names both versions and asks why;
 * the rollback is recorded as an emergency change with a restoration plan, which opens next.
 */
export function RollbackButton({
  flowId,
  flowName,
  environmentKey,
  environmentName,
  fromVersion,
  toVersion,
  size = "sm",
}: {
  flowId: string;
  flowName: string;
  environmentKey: string;
  environmentName: string;
  fromVersion: number;
  toVersion: number;
  size?: "sm" | "md";
}) {
  const router = useRouter();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  return (
    <ConfirmDialog
      title={`Roll back ${flowName} in ${environmentName}?`}
      description={
        <div className="space-y-3">
          <p>
            The engine switches from v{fromVersion} to v{toVersion} at once: in-flight messages finish or return to the
            queue, none is lost. This is recorded as an emergency change, with a restoration plan listing the messages v
            {fromVersion} handled.
          </p>
          <div className="space-y-1">
            <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
              Reason
            </label>
            <textarea
              id={reasonId}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              placeholder="Error rate above 20% since the deploy"
            />
          </div>
        </div>
      }
      confirmLabel={`Roll back to v${toVersion}`}
      onConfirm={async () => {
        const r = await rollbackEnvironmentAction({ flowId, environmentKey, reason });
        if (!r.ok) return r.fieldErrors?.reason?.join(" ") ?? r.error;
        router.push(`/changes/${r.data.changeId}?rolledBack=1`);
      }}
      trigger={(open) => (
        <Button size={size} variant="danger" onClick={open}>
          Roll back
        </Button>
      )}
    />
  );
}
