import type { Metadata } from "next";
import Link from "next/link";
import { LinkButton, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { calendar } from "@/lib/services/changes";
import { requirePageAccess } from "@/lib/session";
import { cn } from "@/lib/utils/cn";
import { changeLabel } from "../_components/badges";
import { ChangesNav } from "../_components/changes-nav";
import { addDays, monthFrom, monthParam } from "../_lib/time";

export const metadata: Metadata = { title: "Change calendar" };

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MAX_PER_DAY = 4;
const RISK_STYLES: Record<string, string> = {
  low: "border-emerald-300 bg-emerald-50 text-emerald-900",
  medium: "border-amber-300 bg-amber-50 text-amber-900",
  high: "border-red-300 bg-red-50 text-red-900",
};

const overlapsDay = (start: string, end: string, day: Date) => new Date(start) < addDays(day, 1) && new Date(end) > day;

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const actor = await requirePageAccess("change:read");
  const sp = await searchParams;
  const month = monthFrom(sp.month);
  const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
  const prev = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1));
  // The grid runs Monday to Sunday, from the week of the 1st to the week of the last day.
  const gridStart = addDays(month, -((month.getUTCDay() + 6) % 7));
  const lastDay = addDays(next, -1);
  const gridEnd = addDays(lastDay, 7 - ((lastDay.getUTCDay() + 6) % 7));
  const data = await calendar(actor, { from: gridStart, to: gridEnd });
  const days: Date[] = [];
  for (let d = gridStart; d < gridEnd; d = addDays(d, 1)) days.push(d);
  const todayKey = new Date().toISOString().slice(0, 10);
  const title = month.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return (
    <>
      <PageHeader
        title="Change calendar"
        description="Change windows, blackouts and maintenance windows, by day (UTC)."
        actions={
          <nav aria-label="Month" className="flex items-center gap-2">
            <LinkButton href={`/changes/calendar?month=${monthParam(prev)}`} size="sm">
              ← Previous
            </LinkButton>
            <span className="min-w-32 text-center text-sm font-semibold text-slate-900" data-testid="calendar-month">
              {title}
            </span>
            <LinkButton href={`/changes/calendar?month=${monthParam(next)}`} size="sm">
              Next →
            </LinkButton>
          </nav>
        }
      />
      <ChangesNav current="/changes/calendar" canManage={can(actor.role, "change:manage")} />
      <div className="mb-3 flex flex-wrap gap-3 text-xs text-slate-600" aria-label="Legend">
        <span className="rounded border border-slate-800 bg-slate-800 px-1.5 text-white">blackout</span>
        <span className="rounded border border-sky-300 bg-sky-50 px-1.5 text-sky-900">maintenance</span>
        <span className="rounded border border-emerald-300 bg-emerald-50 px-1.5">low-risk change</span>
        <span className="rounded border border-amber-300 bg-amber-50 px-1.5">medium</span>
        <span className="rounded border border-red-300 bg-red-50 px-1.5">high</span>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[56rem] table-fixed border-collapse text-xs" data-testid="calendar">
          <caption className="sr-only">Changes and windows in {title}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th
                  key={d}
                  scope="col"
                  className="border border-slate-200 bg-slate-50 py-1 font-semibold text-slate-600"
                >
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: days.length / 7 }, (_, w) => (
              <tr key={w}>
                {days.slice(w * 7, w * 7 + 7).map((day) => {
                  const key = day.toISOString().slice(0, 10);
                  const changes = data.changes.filter((c) => overlapsDay(c.windowStart, c.windowEnd, day));
                  const windows = data.windows.filter((o) => overlapsDay(o.start, o.end, day));
                  const entries = [
                    ...windows.map((o) => ({
                      key: `w:${o.windowId}:${o.start}`,
                      node: (
                        <span
                          className={cn(
                            "block truncate rounded border px-1",
                            o.kind === "blackout"
                              ? "border-slate-800 bg-slate-800 text-white"
                              : "border-sky-300 bg-sky-50 text-sky-900",
                          )}
                          title={`${o.kind}: ${o.name}${o.systemName ? ` (${o.systemName})` : ""}`}
                        >
                          {o.name}
                        </span>
                      ),
                    })),
                    ...changes.map((c) => ({
                      key: `c:${c.id}`,
                      node: (
                        <Link
                          href={`/changes/${c.id}`}
                          className={cn("block truncate rounded border px-1 hover:underline", RISK_STYLES[c.riskLevel])}
                          title={`${changeLabel(c.number)} ${c.title} (${c.status})`}
                        >
                          {changeLabel(c.number)} {c.title}
                        </Link>
                      ),
                    })),
                  ];
                  const inMonth = day.getUTCMonth() === month.getUTCMonth();
                  return (
                    <td
                      key={key}
                      className={cn(
                        "h-28 border border-slate-200 p-1 align-top",
                        !inMonth && "bg-slate-50 text-slate-400",
                        key === todayKey && "ring-2 ring-inset ring-indigo-400",
                      )}
                      data-testid={`day-${key}`}
                    >
                      <div className="mb-0.5 font-medium">{day.getUTCDate()}</div>
                      <ul className="space-y-0.5">
                        {entries.slice(0, MAX_PER_DAY).map((e) => (
                          <li key={e.key}>{e.node}</li>
                        ))}
                      </ul>
                      {entries.length > MAX_PER_DAY && (
                        <p className="mt-0.5 text-slate-500">+{entries.length - MAX_PER_DAY} more</p>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
