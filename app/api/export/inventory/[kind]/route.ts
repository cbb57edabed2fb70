import { optionalSession } from "@/lib/session";
import { problem, problemResponse } from "@/lib/http/problem";
import { exportSheet } from "@/lib/services/sheets";
import { SHEET_FORMATS, type TSheetFormat } from "@/lib/validation/inventory";
import { parseListQuery } from "@/lib/validation/list";

export const dynamic = "force-dynamic";

/** Downloads a sheet as CSV or XLSX in the import layout, honouring the list's search and filters. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return problem(request, "UNAUTHENTICATED", "Sign in to export.");
  const { kind } = await params;
  const url = new URL(request.url);
  const format = (url.searchParams.get("format") ?? "csv") as TSheetFormat;
  if (!SHEET_FORMATS.includes(format))
    return problem(request, "BAD_REQUEST", `Choose format=${SHEET_FORMATS.join(" or format=")}.`);
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
    return problemResponse(error, request);
  }
}
