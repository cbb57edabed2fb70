import { optionalSession } from "@/lib/session";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { exportFlowVersion } from "@/lib/services/flows";

export const dynamic = "force-dynamic";

/** Downloads a flow version as YAML or JSON; the same document imports back unchanged. */
export async function GET(request: Request): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return Response.json({ error: "Sign in to export." }, { status: 401 });
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
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
    if (error instanceof Error && error.name === "ZodError")
      return Response.json({ error: "Give ?version=<id>&format=yaml|json." }, { status: 422 });
    logger().error({ err: error }, "flow export failed");
    return Response.json({ error: "Export failed." }, { status: 500 });
  }
}
