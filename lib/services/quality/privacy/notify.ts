import "server-only";
import type { Tx } from "@/lib/db";

/** The engines recompile their masks when policies, classifications or keys change (see the masking part). */
export const MASKING_CHANNEL = "switchboard_masking";

export async function notifyMaskingChanged(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify('switchboard_masking', '')`;
}
