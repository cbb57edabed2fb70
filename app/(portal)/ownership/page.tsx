import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader, Stat } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { domainClassifications } from "@/lib/services/ownership/classification";
import { listNotifications } from "@/lib/services/ownership/notifications";
import { pendingSignOffs, syncSignOffNotifications } from "@/lib/services/ownership/pending";
import {
  listDomainOwnership,
  listProcessOwnership,
  ownershipDepartments,
  registrySummary,
} from "@/lib/services/ownership/registry";
import { parseListQuery } from "@/lib/validation/list";
import { requestNow } from "./_lib/now";
import { ClassificationSelect } from "./_components/classification-select";
import { DomainForm } from "./_components/domain-form";
import { NotificationsList } from "./_components/notifications-list";
import { PendingSignOffs } from "./_components/pending-sign-offs";
import { RegistryTable } from "./_components/registry-table";
import { SignOffButton } from "./_components/sign-off-button";
import { StatusBadge } from "./_components/status-badge";

export const metadata: Metadata = { title: "Data ownership" };

export default async function OwnershipPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("ownership:read");
  const query = parseListQuery(await searchParams);
  const now = await requestNow();
  const canManage = can(actor.role, "ownership:manage");
  // Reminders first, so the notification list below already contains them.
  await syncSignOffNotifications(actor, now);
  const [summary, processes, domains, notifications, departments, pending, classifications] = await Promise.all([
    registrySummary(actor, now),
    listProcessOwnership(actor, query, now),
    listDomainOwnership(actor, now),
    listNotifications(actor),
    ownershipDepartments(actor),
    pendingSignOffs(actor, now),
    domainClassifications(actor),
  ]);
  const s = summary.process;
  const d = summary.data_domain;
  return (
    <>
      <PageHeader
        title="Data ownership"
        description="Every process and data domain has an accountable owner and a steward. Owners sign off their scope; a sign-off expires after its period and must be renewed."
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="ownership-summary">
        <Stat label="Unowned" value={s.unowned + d.unowned} hint={`${s.unowned} processes · ${d.unowned} domains`} />
        <Stat
          label="Never signed"
          value={s.unsigned + d.unsigned}
          hint={`${s.unsigned} processes · ${d.unsigned} domains`}
        />
        <Stat label="Expired" value={s.expired + d.expired} hint={`${s.expired} processes · ${d.expired} domains`} />
        <Stat label="Signed" value={s.signed + d.signed} hint={`${s.signed} processes · ${d.signed} domains`} />
      </div>
      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <PendingSignOffs actor={actor} pending={pending} />
        <div id="notifications" className="scroll-mt-20">
          <Card title="Your notifications">
            <NotificationsList items={notifications} />
          </Card>
        </div>
      </div>
      <div className="space-y-6">
        <Card title="Data domains">
          <table className="w-full text-sm" data-testid="domains">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1">
                  Domain
                </th>
                <th scope="col">Classification</th>
                <th scope="col">Owner</th>
                <th scope="col">Steward</th>
                <th scope="col">Responsibilities</th>
                <th scope="col">Sign-off</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {domains.map((r) => (
                <tr key={r.scopeId} className="border-t border-slate-100 align-top">
                  <th scope="row" className="py-2 text-left font-medium">
                    {r.name}
                  </th>
                  <td className="py-2">
                    <ClassificationSelect
                      dataDomainId={r.scopeId}
                      name={r.name}
                      classification={classifications.get(r.scopeId) ?? "internal"}
                      canEdit={canManage}
                    />
                  </td>
                  <td className="py-2">{r.owner ?? <span className="text-slate-400">none</span>}</td>
                  <td className="py-2">{r.steward ?? <span className="text-slate-400">none</span>}</td>
                  <td className="max-w-sm py-2 text-slate-600">{r.responsibilities || "—"}</td>
                  <td className="py-2">
                    <StatusBadge status={r.status} expiresAt={r.expiresAt} />
                  </td>
                  <td className="py-2">
                    <span className="flex flex-wrap items-center gap-2">
                      {r.ownershipId && r.ownerId === actor.id && (
                        <SignOffButton ownershipId={r.ownershipId} name={r.name} isRenewal={r.status === "signed"} />
                      )}
                      {canManage && (
                        <Link
                          className="text-indigo-700 hover:underline"
                          href={`/ownership/assign?dataDomainId=${r.scopeId}`}
                        >
                          {r.ownerId ? "Change" : "Assign"}
                        </Link>
                      )}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canManage && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <DomainForm />
            </div>
          )}
        </Card>
        <section aria-label="Processes">
          <h2 className="mb-2 text-base font-semibold text-slate-900">Processes</h2>
          <RegistryTable
            result={processes}
            query={query}
            currentUserId={actor.id}
            canManage={canManage}
            departments={departments}
          />
        </section>
      </div>
    </>
  );
}
