import { problem, problemResponse } from "@/lib/http/problem";
import { planLineageExport } from "@/lib/services/quality/lineage";
import { optionalSession } from "@/lib/session";

export const dynamic = "force-dynamic";

/** OpenLineage RunEvents of a flow in an environment over [from, to), one JSON object per line. */
export async function GET(request: Request): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return problem(request, "UNAUTHENTICATED", "Sign in to export lineage.");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  let plan;
  try {
    // Authorized and validated before streaming starts, so a bad request is a clean problem+json.
    plan = await planLineageExport(actor, params);
  } catch (error) {
    return problemResponse(error, request);
  }
  const events = plan.events();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${plan.filename}"`,
      "Cache-Control": "no-store",
      "X-Lineage-Export-Mode": plan.mode,
      "X-Lineage-Export-Count": String(plan.count),
    },
  });
}
