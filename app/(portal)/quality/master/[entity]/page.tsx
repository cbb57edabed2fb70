import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { isExpectedError } from "@/lib/errors";
import { findGoldenRecords, getMasterEntityOrThrow, masterSystems } from "@/lib/services/quality/master";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { AutoRefresh } from "../../../flows/_components/auto-refresh";
import { ConfigEditor } from "../_components/config-editor";
import { GoldenTable } from "../_components/golden-table";

export const metadata: Metadata = { title: "Master entity" };

export default async function MasterEntityPage({
  params,
  searchParams,
}: {
  params: Promise<{ entity: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const { entity: key } = await params;
  const query = parseListQuery(await searchParams);
  const entity = await getMasterEntityOrThrow(actor, key).catch((error: unknown) => {
    if (isExpectedError(error)) notFound();
    throw error;
  });
  const [golden, systems] = await Promise.all([findGoldenRecords(actor, key, query), masterSystems(actor, key)]);
  const { stale, total } = entity.recompute;
  return (
    <>
      {stale > 0 && <AutoRefresh seconds={5} />}
      <PageHeader
        title={entity.name}
        description={`${entity.description || "Master entity"} · key ${entity.key} · configuration v${entity.version} (${entity.contentHash.slice(0, 12)}) · changes published on sb.master.${entity.key}`}
        actions={
          <LinkButton href={`/quality/master/queue?f.entity=${entity.key}`} variant="secondary">
            Steward queue ({entity.openReviews} open)
          </LinkButton>
        }
      />
      {stale > 0 && (
        <div className="mb-4" data-testid="recompute-progress">
          <Notice title={`Applying configuration v${entity.version} to existing golden records`}>
            <p>
              {(total - stale).toLocaleString()} of {total.toLocaleString()} recomputed with the new survivorship; the
              engine works through the rest in the background and publishes each change on sb.master.{entity.key}.
              Matching is not re-run: links stay as matched or as a steward left them.
            </p>
            <progress
              className="mt-2 h-2 w-full"
              value={total - stale}
              max={Math.max(total, 1)}
              aria-label="Golden records recomputed"
            />
          </Notice>
        </div>
      )}
      <section aria-label="Golden records" className="mb-6">
        <h2 className="mb-2 text-base font-semibold text-slate-900">Golden records</h2>
        <GoldenTable
          result={golden}
          query={query}
          attributes={entity.config.attributes.map((a) => a.name).slice(0, 4)}
          systems={systems}
        />
      </section>
      <ConfigEditor entityId={entity.id} config={entity.config} canEdit={can(actor.role, "quality:manage")} />
      <Card
        title="Configuration versions"
        className="mt-6"
        description="Immutable; the newest is what the engine applies."
      >
        <ol className="divide-y divide-slate-100 text-sm">
          {entity.versions.map((v) => (
            <li key={v.version} className="flex flex-wrap gap-x-4 py-1.5">
              <span className="font-mono">v{v.version}</span>
              <span className="font-mono text-xs text-slate-500">{v.contentHash.slice(0, 16)}</span>
              <span>{v.createdBy}</span>
              <span className="text-slate-500">{v.createdAt.slice(0, 16).replace("T", " ")}</span>
              {v.note && <span className="text-slate-600">{v.note}</span>}
            </li>
          ))}
        </ol>
        <p className="mt-3 text-xs text-slate-500">
          <Link href="/quality/master" className="text-indigo-700 hover:underline">
            All master entities
          </Link>
        </p>
      </Card>
    </>
  );
}
