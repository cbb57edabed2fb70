import Link from "next/link";
import { Card } from "@/components/ui";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { formatCount, formatDay, getObservedFigures } from "@/lib/services/portfolio";
import { ApplyObservedFiguresButton } from "./apply-observed-figures-button";

const rate = (n: number) => `${n.toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;

/**
 * Live metrics feeding back into prioritization: on a process page, what the production flows of the
 * candidates covering it observe, against the inventory's figures. Renders nothing when none runs in
 * production (or the role may not read the portfolio).
 */
export async function ObservedFigures({ actor, processId }: { actor: Actor; processId: string }) {
  if (!can(actor.role, "portfolio:read")) return null;
  const o = await getObservedFigures(actor, processId);
  if (!o.flows.length) return null;
  const canApply = can(actor.role, "inventory:edit") && o.hasUpdate && o.observed;
  return (
    <Card
      title="Observed in production"
      description={
        o.window && o.window.days > 0
          ? `The last ${o.window.days} full days (${formatDay(o.window.from)} to ${formatDay(new Date(new Date(o.window.to).getTime() - 86_400_000).toISOString())}, UTC) of ${o.flows.map((f) => f.name).join(", ")}.`
          : "Its flows went live in production today: the figures start after a full day."
      }
      actions={
        canApply ? (
          <ApplyObservedFiguresButton
            processId={o.process.id}
            processName={o.process.name}
            current={{ volumePerMonth: o.process.volumePerMonth, errorRatePct: o.process.errorRatePct }}
            observed={{ volumePerMonth: o.observed!.volumePerMonth, errorRatePct: o.observed!.errorRatePct }}
          />
        ) : undefined
      }
    >
      <table className="w-full text-sm" data-testid="observed-figures">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-1 font-medium">
              Figure
            </th>
            <th scope="col" className="py-1 font-medium">
              Inventory
            </th>
            <th scope="col" className="py-1 font-medium">
              Observed
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-t border-slate-100">
            <th scope="row" className="py-1.5 text-left font-medium text-slate-700">
              Volume per month
            </th>
            <td>{formatCount(o.process.volumePerMonth)}</td>
            <td>{o.observed ? formatCount(o.observed.volumePerMonth) : "—"}</td>
          </tr>
          <tr className="border-t border-slate-100">
            <th scope="row" className="py-1.5 text-left font-medium text-slate-700">
              Error rate
            </th>
            <td>{rate(o.process.errorRatePct)}</td>
            <td>{o.observed ? rate(o.observed.errorRatePct) : "—"}</td>
          </tr>
        </tbody>
      </table>
      {o.observed && (
        <ul className="mt-3 list-disc space-y-0.5 pl-5 font-mono text-xs text-slate-600">
          {o.observed.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-xs text-slate-500">
        Through{" "}
        {o.candidates.map((c, i) => (
          <span key={c.id}>
            {i > 0 && ", "}
            <Link href={`/candidates/${c.id}`} className="text-indigo-700 hover:underline">
              {c.name}
            </Link>
          </span>
        ))}
        .{!o.hasUpdate && o.observed && " The inventory already holds these figures."}
      </p>
    </Card>
  );
}
