"use client";

import { useState, useTransition } from "react";
import { Button, LinkButton, Notice } from "@/components/ui";
import type { TApiEnvironment } from "@/lib/services/apis";
import { publishApiRevisionAction } from "../actions";

type TServed = { environmentId: string; revisionNumber: number } | undefined;

/**
 * Publishes one revision per environment: development and test directly (promotion order and the
 * breaking-change gate are checked by the server, whose refusal is shown); production through a
 * change request for the CAB.
 */
export function PublishPanel({
  revision,
  environments,
  served,
  reached,
  requestChangeHref,
  isBlocked,
  canPublish,
}: {
  revision: { id: string; number: number };
  environments: TApiEnvironment[];
  served: Record<string, TServed>;
  reached: string[];
  /** The request-change page for this revision; the environment key is appended. */
  requestChangeHref: string;
  isBlocked: boolean;
  canPublish: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const publish = (env: TApiEnvironment) =>
    startTransition(async () => {
      setMessage(null);
      const result = await publishApiRevisionAction({ revisionId: revision.id, environmentId: env.id });
      setMessage(
        result.ok
          ? {
              tone: "success",
              text: `Revision ${revision.number} is published to ${env.name}; the gateway serves it within seconds.`,
            }
          : { tone: "danger", text: result.error },
      );
    });
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {environments.map((env) => {
          const now = served[env.id];
          const isHere = now?.revisionNumber === revision.number;
          return (
            <li
              key={env.id}
              className="flex flex-wrap items-center justify-between gap-3 px-3 py-2"
              data-testid={`publish-${env.key}`}
            >
              <div className="text-sm">
                <span className="font-medium text-slate-900">{env.name}</span>
                <span className="ml-2 text-slate-500">
                  {now ? `serves revision ${now.revisionNumber}` : "serves nothing"}
                  {!isHere && reached.includes(env.id) ? " · this revision was here before" : ""}
                </span>
              </div>
              {isHere ? (
                <span className="text-sm font-medium text-emerald-700">Serving this revision</span>
              ) : !canPublish ? null : env.isProduction ? (
                <LinkButton
                  href={`${requestChangeHref}&env=${encodeURIComponent(env.key)}`}
                  size="sm"
                  variant={isBlocked ? "secondary" : "primary"}
                >
                  Request change
                </LinkButton>
              ) : (
                <Button
                  size="sm"
                  onClick={() => publish(env)}
                  disabled={pending || isBlocked}
                  aria-busy={pending}
                  title={isBlocked ? "Blocked by breaking changes" : undefined}
                >
                  Publish to {env.key}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </div>
  );
}
