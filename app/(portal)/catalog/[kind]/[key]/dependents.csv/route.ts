import { problem, problemResponse } from "@/lib/http/problem";
import { getCatalogEntryOrThrow } from "@/lib/services/catalog";
import { optionalSession } from "@/lib/session";
import { toCsv } from "@/lib/utils/csv";
import { ZCatalogKind } from "@/lib/validation/catalog";
import { safeDecode } from "../../../_lib/safe-decode";

export const dynamic = "force-dynamic";

/** An entry's transitive dependents as CSV: the list the entry page shows. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string; key: string }> }) {
  const actor = await optionalSession();
  if (!actor) return problem(request, "UNAUTHENTICATED", "Sign in to export.");
  const raw = await params;
  const kind = ZCatalogKind.safeParse(raw.kind);
  if (!kind.success) return problem(request, "NOT_FOUND", "No such catalog entry.");
  try {
    const entry = await getCatalogEntryOrThrow(actor, { kind: kind.data, key: safeDecode(raw.key) });
    const csv = toCsv(entry.impact, [
      { id: "depth", header: "Depth" },
      { id: "kind", header: "Kind" },
      { id: "name", header: "Name" },
      { id: "via", header: "Reached from" },
      { id: "through", header: "Through" },
      { id: "sources", header: "Source", value: (d) => d.sources.join(" and ") },
      { id: "lifecycle", header: "Lifecycle" },
      { id: "tier", header: "Tier" },
      { id: "ownerName", header: "Owner" },
    ]);
    const slug = entry.node.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "entry";
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="impact-${slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return problemResponse(error, request);
  }
}
