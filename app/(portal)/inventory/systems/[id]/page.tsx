import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { getSystemOrThrow } from "@/lib/services/inventory";
import { label } from "@/lib/validation/inventory";
import { orNotFound } from "@/lib/http/not-found";
import { CriticalityBadge, LifecycleBadge } from "../../_components/badges";
import { DeleteButton } from "../../_components/delete-button";
import { DetailList } from "../../_components/detail-list";
import { deleteSystemAction } from "../actions";

export const metadata: Metadata = { title: "System" };

export default async function SystemPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const actor = await requirePageAccess("inventory:read");
  const { id } = await params;
  const { saved } = await searchParams;
  const s = await orNotFound(getSystemOrThrow(actor, id));
  const canEdit = can(actor.role, "inventory:edit");
  return (
    <>
      <PageHeader
        title={s.name}
        description={[label(s.type), s.vendor].filter(Boolean).join(" · ")}
        actions={
          <>
            <Link href="/inventory/systems" className="text-sm text-indigo-700 hover:underline">
              ← All systems
            </Link>
            <LinkButton href={`/inventory/interfaces?f.system=${s.id}`}>Interfaces ({s.interfaceCount})</LinkButton>
            {canEdit && (
              <LinkButton href={`/inventory/systems/${s.id}/edit`} variant="primary">
                Edit
              </LinkButton>
            )}
            {canEdit && (
              <DeleteButton
                id={s.id}
                what="this system"
                description={
                  s.interfaceCount > 0
                    ? `“${s.name}” still has ${s.interfaceCount} interface(s); delete or re-point them first.`
                    : `“${s.name}” will be removed and unlinked from ${s.processCount} process(es). The audit log keeps a record.`
                }
                action={deleteSystemAction}
                redirectTo="/inventory/systems"
              />
            )}
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="success">System saved.</Notice>
        </div>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="System">
          <DetailList
            items={[
              { term: "Type", value: label(s.type) },
              { term: "Vendor", value: s.vendor || "—" },
              { term: "Hosting", value: label(s.hosting) },
              { term: "Data region", value: s.region || "—" },
              { term: "Criticality", value: <CriticalityBadge criticality={s.criticality} /> },
              { term: "Lifecycle", value: <LifecycleBadge lifecycle={s.lifecycle} /> },
              { term: "Description", value: s.description || "—" },
            ]}
          />
        </Card>
        <Card title="Processes that touch it">
          {s.processes.length === 0 ? (
            <EmptyState title="No processes linked" />
          ) : (
            <ul className="space-y-1 text-sm">
              {s.processes.map((p) => (
                <li key={p.id}>
                  <Link href={`/inventory/processes/${p.id}`} className="text-indigo-700 hover:underline">
                    {p.name}
                  </Link>{" "}
                  <span className="text-slate-500">· {p.department}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
