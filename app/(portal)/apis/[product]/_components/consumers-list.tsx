import Link from "next/link";
import type { TVersionConsumer } from "@/lib/services/apis";

/** The consumers that called the version recently, busiest first: who must move before it is retired. */
export function ConsumersList({ consumers, days }: { consumers: TVersionConsumer[]; days: number }) {
  if (!consumers.length)
    return <p className="text-sm text-slate-500">No consumer called this version in the last {days} days.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Consumers still calling" data-testid="version-consumers">
      {consumers.map((c) => (
        <li key={c.consumerId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
          <div>
            <Link href={`/apis/consumers/${c.consumerId}`} className="font-medium text-indigo-700 hover:underline">
              {c.name}
            </Link>
            {c.systemId && (
              <Link href={`/catalog/system/${c.systemId}`} className="ml-2 text-xs text-slate-500 hover:underline">
                {c.systemName}
              </Link>
            )}
            {c.contactEmail && <span className="ml-2 text-xs text-slate-500">{c.contactEmail}</span>}
          </div>
          <div className="text-right text-xs text-slate-600">
            {c.calls.toLocaleString("en")} call{c.calls === 1 ? "" : "s"} in {c.environments.join(", ")} · last{" "}
            {c.lastCallAt.slice(0, 16).replace("T", " ")} UTC
          </div>
        </li>
      ))}
    </ul>
  );
}
