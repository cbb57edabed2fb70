import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChangeForm } from "@/app/(portal)/changes/_components/change-form";
import { defaultWindow, localInput } from "@/app/(portal)/changes/_lib/time";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { getApiVersionOrThrow } from "@/lib/services/apis";
import { listChangeModels } from "@/lib/services/changes/models";
import { requirePageAccess } from "@/lib/session";
import { parseMajorSegment } from "@/lib/validation/apis";

export const metadata: Metadata = { title: "Request an API change" };

/** A change request that publishes a revision of this major version (to production, usually). */
export default async function RequestApiChangePage({
  params,
  searchParams,
}: {
  params: Promise<{ product: string; version: string }>;
  searchParams: Promise<{ revision?: string; env?: string }>;
}) {
  const actor = await requirePageAccess("change:request");
  const { product: key, version: segment } = await params;
  const major = parseMajorSegment(segment);
  if (major === null) notFound();
  const sp = await searchParams;
  const [v, models] = await Promise.all([
    orNotFound(getApiVersionOrThrow(actor, key, major)),
    listChangeModels(actor, { activeOnly: true }),
  ]);
  const revision = v.revisionRows.find((r) => String(r.number) === sp.revision) ?? v.revisionRows[0];
  const env = v.environments.find((e) => e.key === sp.env) ?? v.environments.find((e) => e.isProduction);
  if (!revision || !env)
    return (
      <>
        <PageHeader title="Request an API change" />
        <EmptyState
          title="Nothing to publish"
          description="This version has no revision yet, or there is no environment."
        />
      </>
    );
  const running = v.deployed[env.id];
  const { start, end } = defaultWindow();
  return (
    <>
      <PageHeader
        title="Request an API change"
        description={`Publishes ${v.key} to ${env.name} once the CAB approves it. The change binds the revision's content hash: the gateway serves exactly that content.`}
      />
      <Card>
        <p className="mb-4 text-sm text-slate-600">
          API{" "}
          <Link href={`/apis/${key}/${segment}`} className="font-medium text-indigo-700 hover:underline">
            {v.key}
          </Link>
          {running
            ? ` · ${env.name} serves revision ${running.revisionNumber} now`
            : ` · not published in ${env.name} yet`}
        </p>
        <ChangeForm
          item={{ kind: "api", label: v.key }}
          versions={v.revisionRows.map((r) => ({
            value: r.id,
            label: `revision ${r.number} · ${r.semver} · ${r.contentHash.slice(0, 12)}${r.breakingCount ? ` · ${r.breakingCount} breaking` : ""}`,
          }))}
          environments={v.environments.map((e) => ({ value: e.key, label: e.name }))}
          models={models.map((m) => ({ value: m.key, label: `${m.name} (up to ${m.maxRisk} risk)` }))}
          defaults={{
            title: `Publish ${v.key} revision ${revision.number} to ${env.key}`,
            environmentKey: env.key,
            versionId: revision.id,
            windowStart: localInput(start),
            windowEnd: localInput(end),
            rolloutPlan: `Implement the change inside its window: the gateway serves revision ${revision.number} of ${v.key} in ${env.name}. Watch the error rate on the API's analytics for 15 minutes.`,
            rollbackPlan: running
              ? `Roll back to revision ${running.revisionNumber} (what ${env.name} serves now) with "Roll back" on the change.`
              : `Request a change that removes the exposure, or deprecate ${v.key} with an immediate sunset.`,
          }}
        />
      </Card>
    </>
  );
}
