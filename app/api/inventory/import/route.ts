import { optionalSession } from "@/lib/session";
import { AppError } from "@/lib/errors";
import { problem, problemReply, problemResponse } from "@/lib/http/problem";
import { formatFromFilename, importSheet, MAX_IMPORT_BYTES, type ImportProgress } from "@/lib/services/sheets";

export const dynamic = "force-dynamic";

/**
 * Validates (mode=validate) or imports (mode=commit) one uploaded sheet. The response is NDJSON:
 * `progress` lines while it works, then one `report` line (or one `error` line carrying the problem
 * details), so the page can show progress for large files without a job table. Errors before the
 * stream starts are problem+json responses.
 */
export async function POST(request: Request): Promise<Response> {
  const actor = await optionalSession();
  if (!actor) return problem(request, "UNAUTHENTICATED", "Sign in to import.");
  const origin = request.headers.get("origin");
  // Session cookies are SameSite=Lax already; this also refuses uploads posted from another site.
  if (origin && originHost(origin) !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))) {
    return problem(request, "FORBIDDEN", "Cross-site upload refused.");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return problem(request, "UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data.");
  }
  const file = form.get("file");
  const kind = String(form.get("kind") ?? "");
  const dryRun = form.get("mode") !== "commit";
  if (!(file instanceof File)) {
    const missing = new AppError("VALIDATION", "Choose a file to upload.", {
      fieldErrors: { file: ["Choose a file to upload."] },
    });
    return problemResponse(missing, request);
  }
  if (file.size > MAX_IMPORT_BYTES)
    return problem(
      request,
      "PAYLOAD_TOO_LARGE",
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
      { extensions: { limitBytes: MAX_IMPORT_BYTES } },
    );
  const format = formatFromFilename(file.name);
  if (!format) return problem(request, "UNSUPPORTED_MEDIA_TYPE", "Upload a .csv or .xlsx file.");
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
        // The status line went out with the first progress line, so the problem rides in the stream.
        const { body } = problemReply(error, request);
        const message =
          body.code === "INTERNAL"
            ? `The import failed on our side and nothing was written. The error was logged (request id ${body.requestId ?? "unknown"}); try again.`
            : body.detail;
        send({ type: "error", message, problem: body });
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
