import { optionalSession } from "@/lib/session";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { exportSheet } from "@/lib/services/inventory/spreadsheet";
import { SHEET_FORMATS, type TSheetFormat } from "@/lib/validation/inventory";
import { parseListQuery } from "@/lib/validation/list";

export const dynamic = "force-dynamic";

/** Downloads a sheet as CSV or XLSX in the import layout, honouring the list's search and filters. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return Response.json({ error: "Sign in to export." }, { status: 401 });
  const { kind } = await params;
  const url = new URL(request.url);
  const format = (url.searchParams.get("format") ?? "csv") as TSheetFormat;
  if (!SHEET_FORMATS.includes(format))
    return Response.json({ error: `Choose format=${SHEET_FORMATS.join(" or format=")}.` }, { status: 400 });
  const { q, filters } = parseListQuery(url.searchParams);
  try {
    const file = await exportSheet(actor, kind, format, { q, filters });
    return new Response(file.bytes as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
    logger().error({ err: error, kind }, "inventory export failed");
    return Response.json({ error: "Export failed." }, { status: 500 });
  }
}
