import { optionalSession } from "@/lib/session";
import { problem, problemResponse } from "@/lib/http/problem";
import { allPages, EXPORTERS } from "@/lib/services/export";
import { csvStream } from "@/lib/utils/csv";
import { parseListQuery } from "@/lib/validation/list";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ resource: string }> }): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return problem(request, "UNAUTHENTICATED", "Sign in to export.");
  const { resource } = await params;
  const exporter = Object.hasOwn(EXPORTERS, resource) ? EXPORTERS[resource] : undefined;
  if (!exporter) return problem(request, "NOT_FOUND", `Nothing to export called "${resource}".`);
  let query = parseListQuery(new URL(request.url).searchParams);
  try {
    // Authorize before streaming starts, so a denied export is a clean 403 and not a broken file.
    await exporter.list(actor, { ...query, page: 1, pageSize: 1 });
    if (exporter.pin) query = await exporter.pin(actor, query);
  } catch (error) {
    return problemResponse(error, request);
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csvStream(allPages(exporter.list, actor, query), exporter.columns), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exporter.filename}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
