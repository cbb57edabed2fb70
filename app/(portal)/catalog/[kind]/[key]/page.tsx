import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getCatalogEntryOrThrow, listOwnerOptions, type TDependencySide } from "@/lib/services/catalog";
import { requirePageAccess } from "@/lib/session";
import { KIND_LABELS, TIER_LABELS, ZCatalogKind } from "@/lib/validation/catalog";
import { CatalogLifecycleBadge, KindBadge, TierBadge } from "../../_components/badges";
import { CatalogNav } from "../../_components/catalog-nav";
import { formatCount, formatSeen } from "../../_lib/format";
import { safeDecode } from "../../_lib/safe-decode";
import { DependentsTable } from "./_components/dependents-table";
import { EndpointsForm } from "./_components/endpoints-form";
import { MetadataForm } from "./_components/metadata-form";
import { NeighbourTable } from "./_components/neighbour-table";

export const metadata: Metadata = { title: "Catalog entry" };

function Dependencies({
  title,
  description,
  side,
  isObserved,
}: {
  title: string;
  description: string;
  side: TDependencySide;
  isObserved: boolean;
}) {
  return (
    <Card title={title} description={description}>
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">Depends on ({side.dependsOn.length})</h3>
          <NeighbourTable rows={side.dependsOn} caption={`${title}: depends on`} isObserved={isObserved} />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">Depended on by ({side.dependents.length})</h3>
          <NeighbourTable rows={side.dependents} caption={`${title}: depended on by`} isObserved={isObserved} />
        </div>
      </div>
    </Card>
  );
}

function Links({ docsUrl, runbookUrl }: { docsUrl: string; runbookUrl: string }) {
  if (!docsUrl && !runbookUrl) return <span className="text-slate-400">None</span>;
  return (
    <span className="space-x-3">
      {docsUrl && (
        <a href={docsUrl} className="text-indigo-700 hover:underline" rel="noreferrer" target="_blank">
          Documentation
        </a>
      )}
      {runbookUrl && (
        <a href={runbookUrl} className="text-indigo-700 hover:underline" rel="noreferrer" target="_blank">
          Runbook
        </a>
      )}
    </span>
  );
}

export default async function CatalogEntryPage({ params }: { params: Promise<{ kind: string; key: string }> }) {
  const actor = await requirePageAccess("catalog:read");
  const raw = await params;
  const kind = ZCatalogKind.safeParse(raw.kind);
  if (!kind.success) notFound();
  const key = safeDecode(raw.key);
  const [entry, owners] = await Promise.all([
    orNotFound(getCatalogEntryOrThrow(actor, { kind: kind.data, key })),
    listOwnerOptions(actor),
  ]);
  const { node, metadata: m } = entry;
  const canEdit = can(actor.role, "catalog:edit");
  const canEditSystem = canEdit && can(actor.role, "inventory:edit");
  const csvHref = `${entry.href}/dependents.csv`;
  return (
    <>
      <PageHeader
        title={node.name}
        description={`${KIND_LABELS[node.kind]} · ${TIER_LABELS[node.tier] ?? `Tier ${node.tier}`} · ${node.ownerName ? `owned by ${node.ownerName}` : "no owner yet"}`}
        actions={
          <>
            <Link href="/catalog" className="text-sm text-indigo-700 hover:underline">
              ← All entries
            </Link>
            {entry.subjectHref && (
              <LinkButton href={entry.subjectHref}>
                {node.kind === "system" ? "Open in inventory" : "Open flow"}
              </LinkButton>
            )}
            <LinkButton href={`/catalog/graph?focus=${encodeURIComponent(node.id)}`}>Show in graph</LinkButton>
            {node.kind === "flow" && can(actor.role, "catalog:retire") && node.lifecycle !== "retired" && (
              <LinkButton href={`/catalog/retirements/new?kind=flow&id=${encodeURIComponent(node.key)}`}>
                Deprecate
              </LinkButton>
            )}
          </>
        }
      />
      <CatalogNav />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <KindBadge kind={node.kind} />
        <CatalogLifecycleBadge lifecycle={node.lifecycle} />
        <TierBadge tier={node.tier} />
        <span className="text-sm text-slate-600">
          <Links docsUrl={m.docsUrl} runbookUrl={m.runbookUrl} />
        </span>
        {!m.isSet && (
          <span className="text-xs text-slate-500">
            Lifecycle and tier are the inventory&apos;s defaults until someone sets them.
          </span>
        )}
      </div>
      {m.description && <p className="mb-6 max-w-3xl text-sm text-slate-700">{m.description}</p>}
      <div className="space-y-6">
        <Card
          title="What breaks if it is down, changed or retired"
          description={`${entry.impact.length} transitive dependent(s), declared and observed, nearest first.`}
          actions={
            entry.impact.length > 0 ? (
              <a href={csvHref} className="text-sm font-medium text-indigo-700 hover:underline" download>
                Export CSV
              </a>
            ) : undefined
          }
        >
          {entry.impact.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing depends on it, declared or observed.</p>
          ) : (
            <DependentsTable rows={entry.impact} />
          )}
        </Card>
        <Dependencies
          title="Declared dependencies"
          description={
            node.kind === "flow"
              ? "From its spec and the inventory interface it implements."
              : "From inventory interfaces and flow specs."
          }
          side={entry.declared}
          isObserved={false}
        />
        <Dependencies
          title="Observed dependencies"
          description="What the engine saw in traffic: who called, what it read from and wrote to."
          side={entry.observed}
          isObserved
        />
        {entry.unmatched.length > 0 && (
          <Card
            title="Endpoints no system declares"
            description="Add the URL prefix or the caller to a system to see these in the graph."
          >
            <ul className="divide-y divide-slate-100 text-sm">
              {entry.unmatched.map((u) => (
                <li key={`${u.source}:${u.direction}:${u.endpoint}:${u.caller}`} className="py-1.5">
                  <span className="font-mono text-xs">{u.caller || u.endpoint}</span>{" "}
                  <span className="text-slate-600">
                    {u.via} · {u.source}
                    {u.source === "observed" &&
                      ` · ${formatCount(u.messages)} messages · last ${formatSeen(u.lastSeenAt)}`}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <Card
            title="Catalog metadata"
            description={m.updatedAt ? `Last changed ${formatSeen(m.updatedAt)}.` : undefined}
          >
            {canEdit ? (
              <MetadataForm kind={node.kind} entryKey={node.key} metadata={m} owners={owners} />
            ) : (
              <Notice tone="neutral">Only integration engineers and admins edit catalog metadata.</Notice>
            )}
          </Card>
          {entry.system && (
            <Card title="Endpoints and callers" description="How the engine's observations are matched to this system.">
              {canEditSystem ? (
                <EndpointsForm
                  systemId={node.key}
                  endpoints={entry.system.endpoints}
                  callerIds={entry.system.callerIds}
                />
              ) : (
                <div className="space-y-2 text-sm">
                  <p>
                    <span className="text-slate-500">Endpoints:</span> {entry.system.endpoints.join(", ") || "none"}
                  </p>
                  <p>
                    <span className="text-slate-500">Callers:</span> {entry.system.callerIds.join(", ") || "none"}
                  </p>
                </div>
              )}
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
