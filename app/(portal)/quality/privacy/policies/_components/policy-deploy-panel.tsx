"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, LinkButton, Notice } from "@/components/ui";
import { deployMaskingPolicyAction } from "../../actions";

export type TPolicyEnvironment = {
  id: string;
  key: string;
  name: string;
  isProduction: boolean;
  active: { version: number; deployedAt: string; deployedBy: string } | null;
};

/**
 * What each environment applies, and the latest version to deploy there: development and test directly
 * (the server checks dev → test → prod and says what to do first); production runs only what the CAB
 * approved, so it gets a change request, and a direct deploy there shows the service's reason.
 */
export function PolicyDeployPanel({
  policyKey,
  latest,
  environments,
  canDeploy,
  canRequestChange,
}: {
  policyKey: string;
  latest: { id: string; number: number; contentHash: string } | null;
  environments: TPolicyEnvironment[];
  canDeploy: boolean;
  canRequestChange: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const deploy = (env: TPolicyEnvironment) =>
    startTransition(async () => {
      if (!latest) return;
      setMessage(null);
      const res = await deployMaskingPolicyAction({ versionId: latest.id, environmentId: env.id });
      setMessage(
        res.ok
          ? {
              tone: "success",
              text: `${env.name} masks with v${latest.number} of ${policyKey} from the engine's next messages.`,
            }
          : { tone: "danger", text: res.error },
      );
      if (res.ok) router.refresh();
    });
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {environments.map((env) => {
          const isCurrent = env.active && latest && env.active.version === latest.number;
          return (
            <li
              key={env.id}
              className="flex flex-wrap items-center justify-between gap-3 px-3 py-2"
              data-testid={`deploy-${env.key}`}
            >
              <div className="text-sm">
                <span className="font-medium text-slate-900">{env.name}</span>
                <span className="ml-2 text-slate-500">
                  {env.active
                    ? `applies v${env.active.version} · ${env.active.deployedAt.slice(0, 16).replace("T", " ")} by ${env.active.deployedBy}`
                    : env.isProduction
                      ? "applies nothing (production delivers in clear; views still mask for viewers)"
                      : "applies nothing"}
                </span>
              </div>
              {latest && !isCurrent && (
                <div className="flex items-center gap-2">
                  {env.isProduction && canRequestChange && (
                    <LinkButton
                      size="sm"
                      href={`/quality/privacy/policies/${policyKey}/request-change?env=${encodeURIComponent(env.key)}`}
                    >
                      Request change
                    </LinkButton>
                  )}
                  {canDeploy && (
                    <Button
                      size="sm"
                      variant={env.isProduction ? "ghost" : "secondary"}
                      onClick={() => deploy(env)}
                      disabled={pending}
                      aria-busy={pending}
                    >
                      Deploy v{latest.number} to {env.key}
                    </Button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </div>
  );
}
