import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { getProcessOrThrow } from "@/lib/services/inventory";
import { orNotFound } from "@/lib/http/not-found";
import { SeverityBadge } from "../../_components/badges";
import { DeleteButton } from "../../_components/delete-button";
import { DetailList } from "../../_components/detail-list";
import { deleteProcessAction } from "../actions";
import { ObservedFigures } from "../../../portfolio/_components/observed-figures";

export const metadata: Metadata = { title: "Process" };

const num = (n: number) => n.toLocaleString("en-US");

export default async function ProcessPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const actor = await requirePageAccess("inventory:read");
  const { id } = await params;
  const { saved } = await searchParams;
  const p = await orNotFound(getProcessOrThrow(actor, id));
  const canEdit = can(actor.role, "inventory:edit");
  return (
    <>
      <PageHeader
        title={p.name}
        description={p.department}
        actions={
          <>
            <Link href="/inventory/processes" className="text-sm text-indigo-700 hover:underline">
              ← All processes
            </Link>
            <LinkButton href={`/inventory/graph?processId=${p.id}`}>Show in graph</LinkButton>
            {canEdit && (
              <LinkButton href={`/inventory/processes/${p.id}/edit`} variant="primary">
                Edit
              </LinkButton>
            )}
            {canEdit && (
              <DeleteButton
                id={p.id}
                what="this process"
                description={`“${p.name}” and its ${p.painPointCount} pain point(s) will be removed. The audit log keeps a record.`}
                action={deleteProcessAction}
                redirectTo="/inventory/processes"
              />
            )}
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="success">Process saved.</Notice>
        </div>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Process">
          <DetailList
            items={[
              { term: "Department", value: p.department },
              {
                term: "Owner",
                value: p.ownerUserName ? `${p.ownerUserName} (${p.ownerEmail})` : p.ownerName || "Unassigned",
              },
              ...(p.ownerUserName && p.ownerName ? [{ term: "Owner note", value: p.ownerName }] : []),
              { term: "Description", value: p.description || "—" },
              { term: "Updated", value: new Date(p.updatedAt).toLocaleString() },
            ]}
          />
        </Card>
        <Card title="Effort and quality" description="Inputs to the ROI model of integration candidates.">
          <DetailList
            items={[
              { term: "Volume / month", value: `${num(p.volumePerMonth)} transactions` },
              { term: "Manual effort", value: `${num(p.manualMinutesPerTxn)} min / transaction` },
              { term: "Annual manual hours", value: `${num(p.annualManualHours)} h (volume × minutes × 12 ÷ 60)` },
              { term: "Error / rework rate", value: `${p.errorRatePct}%` },
              { term: "Cycle time", value: `${num(p.cycleTimeHours)} h` },
            ]}
          />
        </Card>
        <Card title="Pain points">
          {p.painPoints.length === 0 ? (
            <EmptyState title="No pain points recorded" />
          ) : (
            <ul className="space-y-2 text-sm">
              {p.painPoints.map((pp, i) => (
                <li key={i} className="flex flex-wrap items-center gap-2">
                  <SeverityBadge severity={pp.severity} />
                  <span>{pp.description}</span>
                  {pp.tags.map((t) => (
                    <Badge key={t}>#{t}</Badge>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Systems touched">
          {p.systems.length === 0 ? (
            <EmptyState
              title="No systems linked"
              description={canEdit ? "Edit the process to link the systems it uses." : undefined}
            />
          ) : (
            <ul className="list-inside list-disc text-sm">
              {p.systems.map((s) => (
                <li key={s.id}>
                  <Link href={`/inventory/systems/${s.id}`} className="text-indigo-700 hover:underline">
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <ObservedFigures actor={actor} processId={p.id} />
      </div>
    </>
  );
}
