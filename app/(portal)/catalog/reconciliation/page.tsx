import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Button, Card, PageHeader, Select } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { getCatalogReconciliation } from "@/lib/services/catalog";
import { systemOptions } from "@/lib/services/inventory";
import { requirePageAccess } from "@/lib/session";
import { ZReconciliationQuery } from "@/lib/validation/catalog";
import { CatalogNav } from "../_components/catalog-nav";
import { CallersTable } from "./_components/callers-table";
import { DeadTable } from "./_components/dead-table";
import { UndocumentedTable } from "./_components/undocumented-table";

export const metadata: Metadata = { title: "Catalog reconciliation" };

const WINDOWS = [7, 14, 30, 60, 90, 180];

function Section({
  id,
  title,
  description,
  count,
  empty,
  children,
}: {
  id: string;
  title: string;
  description: string;
  count: number;
  /** Shown instead of the children when there is nothing; omitted when the children say it themselves. */
  empty?: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-6">
      <Card>
        <div className="mb-3">
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title} <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{count}</span>
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">{description}</p>
        </div>
        {count === 0 && empty ? <p className="text-sm text-slate-500">{empty}</p> : children}
      </Card>
    </section>
  );
}

export default async function ReconciliationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("catalog:read");
  const parsed = ZReconciliationQuery.safeParse(await searchParams);
  const deadAfterDays = parsed.success ? parsed.data.deadAfterDays : undefined;
  const canAct = can(actor.role, "catalog:edit") && can(actor.role, "inventory:edit");
  const [rec, systems] = await Promise.all([
    getCatalogReconciliation(actor, { now: new Date(), deadAfterDays }),
    canAct ? systemOptions(actor) : Promise.resolve([]),
  ]);
  const windows = WINDOWS.includes(rec.deadAfterDays) ? WINDOWS : [...WINDOWS, rec.deadAfterDays].sort((a, b) => a - b);
  return (
    <>
      <PageHeader
        title="Reconciliation"
        description="What the inventory declares against what the engine observed: dependencies nobody documented, interfaces nothing uses any more, and callers no system claims."
      />
      <CatalogNav />
      <div className="space-y-6">
        <Section
          id="undocumented"
          title="Undocumented dependencies"
          description="A flow carried traffic from one system to another, and no interface in the inventory accounts for it."
          count={rec.counts.undocumented}
        >
          <UndocumentedTable
            rows={rec.undocumented.map((f) => ({ ...f, lastSeenAt: f.lastSeenAt.toISOString() }))}
            canAct={canAct}
          />
        </Section>
        <Section
          id="possibly-dead"
          title="Possibly dead interfaces"
          description={`Declared interfaces, implemented by a flow or seen in traffic before, with no traffic for ${rec.deadAfterDays} days or more.`}
          count={rec.counts.possiblyDead}
          empty={`Every interface a flow implements carried traffic in the last ${rec.deadAfterDays} days.`}
        >
          <DeadTable rows={rec.possiblyDead} canRetire={can(actor.role, "catalog:retire")} />
        </Section>
        <form method="get" className="-mt-3 flex items-end gap-2" aria-label="Quiet period">
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Quiet for at least</span>
            <Select name="deadAfterDays" defaultValue={String(rec.deadAfterDays)} className="w-40">
              {windows.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </Select>
          </label>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </form>
        <Section
          id="callers"
          title="Unidentified callers"
          description="Identities that called a flow's HTTP input (CloudEvents source, user agent or address) which no system declares."
          count={rec.counts.unidentifiedCallers}
          empty="Every caller the engine saw belongs to a system."
        >
          <CallersTable
            rows={rec.unidentifiedCallers.map((c) => ({ ...c, lastSeenAt: c.lastSeenAt.toISOString() }))}
            systems={systems}
            canAct={canAct}
          />
        </Section>
      </div>
    </>
  );
}
