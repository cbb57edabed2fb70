import { ZodError } from "zod";
import { optionalSession } from "@/lib/session";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { problem, problemResponse } from "@/lib/http/problem";
import { exportFlowVersion } from "@/lib/services/flows";

export const dynamic = "force-dynamic";

/** Downloads a flow version as YAML or JSON; the same document imports back unchanged. */
export async function GET(request: Request): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return problem(request, "UNAUTHENTICATED", "Sign in to export.");
  const url = new URL(request.url);
  try {
    const file = await exportFlowVersion(actor, {
      flowVersionId: url.searchParams.get("version") ?? "",
      format: url.searchParams.get("format") ?? "yaml",
    });
    return new Response(file.content, {
      headers: {
        "Content-Type": `${file.contentType}; charset=utf-8`,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ZodError) {
      const hint = "Give ?version=<id>&format=yaml|json.";
      return problemResponse(new AppError("VALIDATION", hint, { fieldErrors: zodFieldErrors(error) }), request);
    }
    return problemResponse(error, request);
  }
}
