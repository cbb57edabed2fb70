import { optionalSession } from "@/lib/session";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import {
  formatFromFilename,
  importSheet,
  MAX_IMPORT_BYTES,
  type ImportProgress,
} from "@/lib/services/inventory/spreadsheet";

export const dynamic = "force-dynamic";

/**
 * Validates (mode=validate) or imports (mode=commit) one uploaded sheet. The response is NDJSON:
 * `progress` lines while it works, then one `report` line (or one `error` line), so the page can
 * show progress for large files without a job table.
 */
export async function POST(request: Request): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return Response.json({ error: "Sign in to import." }, { status: 401 });
  const origin = request.headers.get("origin");
  // Session cookies are SameSite=Lax already; this also refuses uploads posted from another site.
  if (origin && originHost(origin) !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))) {
    return Response.json({ error: "Cross-site upload refused." }, { status: 403 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: "Send the file as multipart/form-data." }, { status: 400 });
  }
  const file = form.get("file");
  const kind = String(form.get("kind") ?? "");
  const dryRun = form.get("mode") !== "commit";
  if (!(file instanceof File)) return Response.json({ error: "Choose a file to upload." }, { status: 400 });
  if (file.size > MAX_IMPORT_BYTES)
    return Response.json(
      { error: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.` },
      { status: 413 },
    );
  const format = formatFromFilename(file.name);
  if (!format) return Response.json({ error: "Upload a .csv or .xlsx file." }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      let lastSent = 0;
      const onProgress = (p: ImportProgress) => {
        const now = Date.now();
        if (p.done === p.total || now - lastSent > 150) {
          lastSent = now;
          send({ type: "progress", ...p });
        }
      };
      try {
        const report = await importSheet(actor, kind, bytes, format, { dryRun, onProgress });
        send({ type: "report", report });
      } catch (error) {
        if (error instanceof AppError) send({ type: "error", message: error.message });
        else {
          logger().error({ err: error, kind }, "inventory import failed");
          send({
            type: "error",
            message: "The import failed on our side and nothing was written. The error was logged; try again.",
          });
        }
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The host of an Origin header; "null" (sandboxed frames) or anything unparsable counts as foreign. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
