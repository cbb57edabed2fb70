import type { Metadata } from "next";
import { Button, Card, Input, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { agenda } from "@/lib/services/changes";
import { uiRiskFactorsByChange } from "@/lib/services/changes/ui-queries";
import { requirePageAccess } from "@/lib/session";
import { ChangeCard } from "../_components/change-card";
import { DecisionForm } from "../_components/change-controls";
import { ChangesNav } from "../_components/changes-nav";
import { PrintButton } from "../_components/print-button";
import { changeLabel } from "../_components/badges";
import { addDays, dayFrom, startOfUtcDay } from "../_lib/time";

export const metadata: Metadata = { title: "CAB agenda" };

const LEVEL_TITLES = { high: "High risk", medium: "Medium risk", low: "Low risk" } as const;

export default async function AgendaPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const actor = await requirePageAccess("change:read");
  const sp = await searchParams;
  const today = startOfUtcDay(new Date());
  const from = dayFrom(sp.from, today);
  // "to" names the last day shown; the range ends at the following midnight.
  const lastDay = dayFrom(sp.to, addDays(from, 6));
  const to = addDays(lastDay < from ? from : lastDay, 1);
  const data = await agenda(actor, { from, to });
  const all = data.groups.flatMap((g) => g.changes);
  const factors = await uiRiskFactorsByChange(
    actor,
    all.map((c) => c.id),
  );
  const canVote = can(actor.role, "change:approve");
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="CAB agenda"
        description={`Changes awaiting a decision whose window falls between ${day(from)} and ${day(addDays(to, -1))} (UTC), riskiest first.`}
        actions={<PrintButton />}
      />
      <ChangesNav current="/changes/agenda" canManage={can(actor.role, "change:manage")} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3 print:hidden" aria-label="Agenda dates">
        <div className="space-y-1">
          <label htmlFor="agenda-from" className="block text-sm font-medium text-slate-700">
            From
          </label>
          <Input id="agenda-from" type="date" name="from" defaultValue={day(from)} />
        </div>
        <div className="space-y-1">
          <label htmlFor="agenda-to" className="block text-sm font-medium text-slate-700">
            To
          </label>
          <Input id="agenda-to" type="date" name="to" defaultValue={day(addDays(to, -1))} />
        </div>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
      <div className="space-y-6">
        {data.groups.map((g) => (
          <Card key={g.level} title={`${LEVEL_TITLES[g.level]} (${g.changes.length})`}>
            {g.changes.length ? (
              <div className="space-y-3" data-testid={`agenda-${g.level}`}>
                {g.changes.map((c) => (
                  <ChangeCard key={c.id} change={c} factors={factors[c.id]}>
                    {canVote && c.requestedByEmail !== actor.email && (
                      <DecisionForm changeId={c.id} label={changeLabel(c.number)} compact />
                    )}
                  </ChangeCard>
                ))}
              </div>
            ) : (
              <p className="text-sm text-slate-600">Nothing at this level.</p>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
