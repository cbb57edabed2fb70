import { requireSession } from "@/lib/session";
import { problemResponse } from "@/lib/http/problem";
import { getLiveView } from "@/lib/services/prioritization/workshops";

// Polled by the facilitator's live board every few seconds; never cached.
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireSession();
    const { id } = await params;
    const view = await getLiveView(actor, id);
    return Response.json(view, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemResponse(error, request);
  }
}
