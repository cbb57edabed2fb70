import { ZodError } from "zod";
import { optionalSession } from "@/lib/session";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { problem, problemResponse } from "@/lib/http/problem";
import { exportPortfolioReport } from "@/lib/services/portfolio";
import { parseListQuery } from "@/lib/validation/list";

export const dynamic = "force-dynamic";
// resvg is a native module and pdf-lib needs Node's Buffer: never the edge runtime.
export const runtime = "nodejs";

/** Downloads the portfolio ROI report as a PDF or PNG, for the dashboard's filters (f.wave, f.status, q). */
export async function GET(request: Request): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return problem(request, "UNAUTHENTICATED", "Sign in to export.");
  const url = new URL(request.url);
  const { q, filters } = parseListQuery(url.searchParams);
  try {
    const file = await exportPortfolioReport(actor, {
      format: url.searchParams.get("format") ?? "pdf",
      filters: { wave: filters.wave, status: filters.status, q: q || undefined },
    });
    return new Response(file.bytes as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ZodError)
      return problemResponse(
        new AppError("VALIDATION", "Give ?format=pdf or ?format=png.", { fieldErrors: zodFieldErrors(error) }),
        request,
      );
    return problemResponse(error, request);
  }
}
