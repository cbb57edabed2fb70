import { NextResponse } from "next/server";
import { requireSession } from "@/lib/session";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getLiveView } from "@/lib/services/prioritization/workshops";

// Polled by the facilitator's live board every few seconds; never cached.
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireSession();
    const { id } = await params;
    const view = await getLiveView(actor, id);
    return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json({ error: error.message }, { status: error.status });
    logger().error({ err: error }, "live workshop view failed");
    return NextResponse.json({ error: "Something went wrong on our side." }, { status: 500 });
  }
}
