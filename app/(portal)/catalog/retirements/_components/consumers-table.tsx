import { Badge, EmptyState } from "@/components/ui";
import type { TRetirementConsumer } from "@/lib/services/retirements";
import { formatUtc } from "./status-badge";

type TRow = TRetirementConsumer & { isNew?: boolean };

/** Consumers, declared (inventory, specs) apart from observed (traffic), with the last call seen. */
export function ConsumersTable({ consumers, caption }: { consumers: TRow[]; caption: string }) {
  if (!consumers.length)
    return (
      <EmptyState
        title="No consumers found"
        description="Neither the inventory nor the flow specs declare one, and the engine has seen no caller."
      />
    );
  const groups = (["observed", "declared"] as const).map((source) => ({
    source,
    rows: consumers.filter((c) => c.source === source),
  }));
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-4">
              Consumer
            </th>
            <th scope="col" className="py-2 pr-4">
              Kind
            </th>
            <th scope="col" className="py-2 pr-4">
              Source
            </th>
            <th scope="col" className="py-2 pr-4">
              Detail
            </th>
            <th scope="col" className="py-2">
              Last seen
            </th>
          </tr>
        </thead>
        {groups
          .filter((g) => g.rows.length)
          .map((g) => (
            <tbody key={g.source} className="divide-y divide-slate-100">
              {g.rows.map((c) => (
                <tr key={`${c.source}:${c.nodeId ?? c.name}`} data-testid="consumer-row">
                  <td className="py-2 pr-4 font-medium text-slate-900">
                    {c.name}
                    {c.isNew && (
                      <span className="ml-2">
                        <Badge tone="warning">new since deprecation</Badge>
                      </span>
                    )}
                  </td>
                  <td className="py-2 pr-4 text-slate-600">{c.kind}</td>
                  <td className="py-2 pr-4">
                    <Badge tone={c.source === "observed" ? "info" : "neutral"}>{c.source}</Badge>
                  </td>
                  <td className="py-2 pr-4 text-slate-600">{c.detail}</td>
                  <td className="whitespace-nowrap py-2 text-slate-600">
                    {c.lastSeenAt ? formatUtc(c.lastSeenAt) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
      </table>
    </div>
  );
}
