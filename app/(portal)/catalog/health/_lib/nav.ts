import { HEALTH_VIEWS, type THealthView } from "@/lib/validation/health";

const VIEW_LABELS: Record<THealthView, string> = { due: "Due", overdue: "Overdue", completed: "Completed", all: "All" };

/** The health area's tabs: one per view of the assessments (with its count), then the action items. */
export function healthNavLinks(
  counts: Record<THealthView, number>,
  current: THealthView | "action-items",
  opts: { isMine?: boolean } = {},
) {
  const mine = opts.isMine ? "&f.mine=1" : "";
  return [
    ...HEALTH_VIEWS.map((v) => ({
      href: `/catalog/health?view=${v}${mine}`,
      label: VIEW_LABELS[v],
      count: counts[v],
      isCurrent: v === current,
    })),
    { href: "/catalog/health/action-items", label: "Action items", isCurrent: current === "action-items" },
  ];
}
