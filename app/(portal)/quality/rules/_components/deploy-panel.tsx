"use client";

import { useState, useTransition } from "react";
import { Button, ConfirmDialog, LinkButton, Notice, Select } from "@/components/ui";
import type { TRuleSetEnvironment, TRuleSetVersionRow } from "@/lib/services/quality/rules";
import { deployRuleSetVersionAction, undeployRuleSetAction } from "../actions";

/**
 * What each environment enforces, and a version to deploy there: development and test directly (the
 * server checks dev → test → prod and says what to do first); production through a change for the CAB.
 * Development and test can also stop enforcing it (undeploy), with a confirmation.
 */
export function DeployPanel({
  ruleSetId,
  ruleSetKey,
  versions,
  environments,
  canDeploy,
  canRequestChange,
}: {
  ruleSetId: string;
  ruleSetKey: string;
  versions: TRuleSetVersionRow[];
  environments: TRuleSetEnvironment[];
  canDeploy: boolean;
  canRequestChange: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const versionFor = (env: TRuleSetEnvironment) => chosen[env.id] ?? versions[0]?.id ?? "";
  const deploy = (env: TRuleSetEnvironment) =>
    startTransition(async () => {
      setMessage(null);
      const versionId = versionFor(env);
      const v = versions.find((x) => x.id === versionId);
      const res = await deployRuleSetVersionAction({ versionId, environmentId: env.id });
      setMessage(
        res.ok
          ? { tone: "success", text: `${env.name} enforces v${v?.number} of ${ruleSetKey} from its next messages.` }
          : { tone: "danger", text: res.error },
      );
    });
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {environments.map((env) => (
          <li
            key={env.id}
            className="flex flex-wrap items-center justify-between gap-3 px-3 py-2"
            data-testid={`deploy-${env.key}`}
          >
            <div className="text-sm">
              <span className="font-medium text-slate-900">{env.name}</span>
              <span className="ml-2 text-slate-500">
                {env.active
                  ? `enforces v${env.active.number} · ${env.active.deployedAt.slice(0, 16).replace("T", " ")} by ${env.active.deployedBy}${env.active.change ? ` · ${env.active.change}` : ""}`
                  : "enforces nothing"}
              </span>
            </div>
            {versions.length > 0 && (canDeploy || (env.isProduction && canRequestChange)) && (
              <div className="flex items-center gap-2">
                <label className="sr-only" htmlFor={`deploy-version-${env.key}`}>
                  Version for {env.name}
                </label>
                <Select
                  id={`deploy-version-${env.key}`}
                  value={versionFor(env)}
                  onChange={(e) => setChosen((c) => ({ ...c, [env.id]: e.target.value }))}
                >
                  {versions.map((v) => (
                    <option key={v.id} value={v.id}>
                      v{v.number} · {v.contentHash.slice(0, 12)}
                    </option>
                  ))}
                </Select>
                {env.isProduction ? (
                  <LinkButton
                    size="sm"
                    href={`/quality/rules/${ruleSetKey}/request-change?version=${encodeURIComponent(versionFor(env))}&env=${encodeURIComponent(env.key)}`}
                  >
                    Request change
                  </LinkButton>
                ) : (
                  <Button size="sm" onClick={() => deploy(env)} disabled={pending} aria-busy={pending}>
                    Deploy to {env.key}
                  </Button>
                )}
                {!env.isProduction && env.active && canDeploy && (
                  <ConfirmDialog
                    title={`Stop enforcing ${ruleSetKey} in ${env.name}?`}
                    confirmLabel="Undeploy"
                    description={`${env.name} stops checking records against v${env.active.number}. Refused while a live flow there has a validate_rules step that needs this rule set: its messages would fail.`}
                    onConfirm={async () => {
                      setMessage(null);
                      const res = await undeployRuleSetAction({ ruleSetId, environmentId: env.id });
                      if (!res.ok) return res.error;
                      setMessage({ tone: "success", text: `${env.name} no longer enforces ${ruleSetKey}.` });
                    }}
                    trigger={(open) => (
                      <Button size="sm" variant="ghost" onClick={open} disabled={pending}>
                        Undeploy from {env.key}
                      </Button>
                    )}
                  />
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </div>
  );
}
