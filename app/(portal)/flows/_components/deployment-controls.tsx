"use client";

import { useState, useTransition } from "react";
import { Button, ConfirmDialog } from "@/components/ui";
import { controlDeploymentAction } from "../actions";

type Desired = "running" | "paused" | "stopped";

/** Start / pause / resume / stop for the active deployment; stop asks first. */
export function DeploymentControls({
  deploymentId,
  desiredState,
  environmentName,
}: {
  deploymentId: string;
  desiredState: Desired;
  environmentName: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: "start" | "pause" | "resume" | "stop") =>
    new Promise<string | void>((resolve) =>
      startTransition(async () => {
        const result = await controlDeploymentAction({ deploymentId, action });
        const message = result.ok ? undefined : result.error;
        setError(message ?? null);
        resolve(message);
      }),
    );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {desiredState === "stopped" && (
          <Button size="sm" onClick={() => run("start")} disabled={pending}>
            Start
          </Button>
        )}
        {desiredState === "running" && (
          <Button size="sm" variant="secondary" onClick={() => run("pause")} disabled={pending}>
            Pause
          </Button>
        )}
        {desiredState === "paused" && (
          <Button size="sm" onClick={() => run("resume")} disabled={pending}>
            Resume
          </Button>
        )}
        {desiredState !== "stopped" && (
          <ConfirmDialog
            title={`Stop the flow in ${environmentName}?`}
            description="The engine finishes messages in flight and stops taking new ones. Queued messages wait until you start it again."
            confirmLabel="Stop flow"
            onConfirm={() => run("stop")}
            trigger={(open) => (
              <Button size="sm" variant="ghost" onClick={open} disabled={pending}>
                Stop
              </Button>
            )}
          />
        )}
      </div>
      {error && <p className="text-xs font-medium text-red-600">{error}</p>}
    </div>
  );
}
