import { problemResponse } from "@/lib/http/problem";
import { checkHealth } from "@/lib/services/system-health";

export const dynamic = "force-dynamic";

// A degraded report stays a health report with 503 (monitors read its per-component status);
// only a failure of the check itself is an error, answered as problem+json.
export async function GET(request: Request): Promise<Response> {
  try {
    const report = await checkHealth();
    return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
  } catch (error) {
    return problemResponse(error, request);
  }
}
